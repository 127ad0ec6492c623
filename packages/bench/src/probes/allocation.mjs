/**
 * What a fresh byte array costs in this JavaScript engine, by size: the
 * floor under every result Python returns as new `bytes` (`toBytes`, legacy
 * slices and concatenation). Prints the median time of `Uint8Array#slice`
 * (zero-filled, then copied) and `Buffer.allocUnsafeSlow` + `set` (unzeroed)
 * next to CPython's `bytes(memoryview)` when a CPython is on the PATH.
 *
 * Run: `node packages/bench/src/probes/allocation.mjs`
 */

import { spawnSync } from "node:child_process";
import { Buffer } from "node:buffer";

const SIZES = [64, 65, 1_000, 8_000, 65_536, 800_000, 8_000_000];

/**
 * @param {() => unknown} action
 * @param {number} calls
 */
function medianNs(action, calls) {
  const samples = [];
  for (let sample = 0; sample < 15; sample++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) action();
    samples.push(((performance.now() - start) / calls) * 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[7];
}

/** @param {number} size */
function cpythonNs(size) {
  const python = spawnSync(
    "python3",
    ["-c", `import timeit; m = memoryview(bytearray(${size})); t = timeit.Timer('m.tobytes()', globals=globals()); n, _ = t.autorange(); print(min(t.repeat(5, n)) / n * 1e9)`],
    { encoding: "utf8" },
  );
  return python.status === 0 ? Number(python.stdout.trim()) : NaN;
}

const format = (/** @type {number} */ ns) => (Number.isNaN(ns) ? "absent" : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
console.log("| bytes | Uint8Array#slice | allocUnsafeSlow + set | CPython tobytes() |");
console.log("| ---: | ---: | ---: | ---: |");
for (const size of SIZES) {
  const source = new Uint8Array(size).fill(7);
  const calls = Math.max(5, Math.round(2e7 / Math.max(size, 1000)));
  const sliced = medianNs(() => source.slice(), calls);
  const unzeroed = medianNs(() => new Uint8Array(Buffer.allocUnsafeSlow(size).buffer).set(source), calls);
  console.log(`| ${size} | ${format(sliced)} | ${format(unzeroed)} | ${format(cpythonNs(size))} |`);
}
