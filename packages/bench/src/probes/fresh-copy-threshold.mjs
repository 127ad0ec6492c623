/**
 * Where an unzeroed allocation starts to pay for a fresh exclusive copy:
 * `Uint8Array#slice` (a zero-filled allocation, then the copy) against
 * `Buffer.allocUnsafeSlow` + `set` (unzeroed, unpooled), interleaved. Core
 * (`bytesToOverwrite`), the legacy buffer and the bench's floor
 * (`../lib/fresh-bytes.mjs`) all switch at 64 KiB; `allocation.mjs` times
 * the two one after the other on the wall clock.
 *
 * For each size, 30 rounds alternate one sample of each (the order swapping
 * each round); it prints the median time per call of each and the median
 * of the per-round ratios unzeroed/slice with their interquartile range: a
 * ratio below 1 means the unzeroed path is the cheaper one at that size.
 * `--clock cpu` (the default) samples the process's CPU time and yields to
 * the event loop between samples; `--clock wall` samples `performance.now()`
 * without yielding, as the bench harness samples its JavaScript columns.
 *
 * What it showed (Node 20.20, 2 shared cores at a load of 5-11, December
 * 2026, two runs each): in CPU time the zeroed `slice` was the cheaper one
 * from 1e3 to 1e6 bytes (unzeroed/slice 1.05-1.19; `allocUnsafeSlow` makes a
 * `FastBuffer`, a subclass instance, and then a second view) and the
 * unzeroed path only at 2e6 (0.89-0.94); on the wall clock the unzeroed path
 * won from about 1e6 (0.79-0.95) and lost at 1e5-2e5 (1.11-1.17). So the
 * 64 KiB switch costs core, the legacy buffer and the floor alike some
 * 5-15% of CPU time between 64 KiB and 1 MB; a switch nearer 1 MB suits CPU
 * time, and whether it suits the wall clock is not settled at this load.
 *
 * Run: `node packages/bench/src/probes/fresh-copy-threshold.mjs [--clock cpu|wall] [n ...]`
 * (n defaults to 1e3, 65535, 65536, 1e5, 2e5, 1e6 and 2e6).
 */

import { Buffer } from "node:buffer";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
const clockAt = args.indexOf("--clock");
const clock = clockAt === -1 ? "cpu" : args.splice(clockAt, 2)[1];
if (clock !== "cpu" && clock !== "wall") throw new Error("--clock must be cpu or wall");
const sizes = args.length > 0 ? args.map(Number) : [1e3, 65535, 65536, 1e5, 2e5, 1e6, 2e6];
const ROUNDS = 30;
const SAMPLE_US = 10_000;
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

/** A place results go, so that no call is optimised away. */
let sink;

/** µs spent so far on the chosen clock. */
function now() {
  if (clock === "wall") return performance.now() * 1e3;
  const used = process.cpuUsage();
  return used.user + used.system;
}

/** Calls `action` until SAMPLE_US are spent; ns per call. */
function sample(/** @type {() => unknown} */ action) {
  const start = now();
  let calls = 0;
  let spent = 0;
  while (spent < SAMPLE_US) {
    for (let k = 0; k < 8; k++) sink = action();
    calls += 8;
    spent = now() - start;
  }
  return (spent / calls) * 1e3;
}

/** @param {number[]} values @param {number} q */
const at = (values, q) => /** @type {number} */ ([...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]);
/** @param {number} ns */
const format = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);

console.log(`clock: ${clock}; ${ROUNDS} rounds of ${SAMPLE_US / 1000} ms samples; Node ${process.version}`);
console.log("| bytes | Uint8Array#slice | allocUnsafeSlow + set | unzeroed/slice (IQR) |");
console.log("| ---: | ---: | ---: | ---: |");
for (const size of sizes) {
  const source = new Uint8Array(size).fill(7);
  const zeroed = () => source.slice();
  const unzeroed = () => {
    const copy = new Uint8Array(Buffer.allocUnsafeSlow(size).buffer, 0, size);
    copy.set(source);
    return copy;
  };
  /** @type {number[]} */ const sliced = [];
  /** @type {number[]} */ const unzeroedTimes = [];
  /** @type {number[]} */ const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    let a;
    let b;
    if (round % 2 === 0) {
      a = sample(zeroed);
      if (clock === "cpu") await nextTask();
      b = sample(unzeroed);
    } else {
      b = sample(unzeroed);
      if (clock === "cpu") await nextTask();
      a = sample(zeroed);
    }
    if (clock === "cpu") await nextTask();
    sliced.push(a);
    unzeroedTimes.push(b);
    ratios.push(b / a);
  }
  console.log(`| ${size} | ${format(at(sliced, 0.5))} | ${format(at(unzeroedTimes, 0.5))} | ${at(ratios, 0.5).toFixed(3)} (${at(ratios, 0.25).toFixed(2)}-${at(ratios, 0.75).toFixed(2)}) |`);
}
if (sink === Symbol.for("never")) console.log("");
