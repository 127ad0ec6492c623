/**
 * What a new flat one-byte string costs in this JavaScript engine, by
 * length: the floor under `hex()`. Past 128 KiB (V8's largest regular heap
 * object) a string is made in the large-object space, which maps fresh
 * pages for each one; below that it is a bump allocation. Prints, per
 * length, the median time of `Buffer#toString('latin1')` (the copy of bytes
 * that are already ASCII, no encoding work), `Buffer#toString('hex')` of half
 * as many bytes (Node's `hexSlice`, what `hex()` calls), the same hex built in
 * 16 KiB pieces joined with `+` (a rope: cheap to make, but flattened into
 * one large-object string on its first read), that rope plus one read, and
 * CPython's `bytes.hex()` of the same bytes when a CPython is on the PATH.
 * Every column of a row is sampled in interleaved rounds.
 *
 * Run: `node packages/bench/src/probes/large-string.mjs`
 */

import { spawnSync } from "node:child_process";
import { Buffer } from "node:buffer";

/** Result lengths in characters (hex of half as many bytes): both sides of 128 KiB, and of Node's external-string threshold (about 1 MB). */
const LENGTHS = [2_000, 64_000, 130_000, 132_000, 200_000, 400_000, 1_000_000, 1_100_000, 2_000_000];
const ROUNDS = 9;
const SAMPLE_MS = 20;

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return /** @type {number} */ (sorted[sorted.length >> 1]);
}

/**
 * Median ns per call of each action, sampled in interleaved rounds.
 *
 * @param {Record<string, () => number>} actions
 * @returns {Promise<Record<string, number>>}
 */
async function interleaved(actions) {
  /** @type {Record<string, number[]>} */
  const samples = Object.fromEntries(Object.keys(actions).map((name) => [name, []]));
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, action] of Object.entries(actions)) {
      let calls = 0;
      const start = performance.now();
      while (performance.now() - start < SAMPLE_MS) {
        sink += action();
        calls++;
      }
      /** @type {number[]} */ (samples[name]).push(((performance.now() - start) / calls) * 1e6);
    }
    // Let the collector and finalizers run between rounds, as the bench harness does.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (sink === -1) console.log(sink);
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/** @param {number} bytes */
function cpythonHexNs(bytes) {
  const python = spawnSync(
    "python3",
    ["-c", `import timeit; b = bytes(i & 255 for i in range(${bytes})); t = timeit.Timer('b.hex()', globals=globals()); n, _ = t.autorange(); print(min(t.repeat(5, n)) / n * 1e9)`],
    { encoding: "utf8" },
  );
  return python.status === 0 ? Number(python.stdout.trim()) : Number.NaN;
}

const format = (/** @type {number} */ ns) => (Number.isNaN(ns) ? "absent" : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
const PIECE = 16 * 1024;
const ascii = Buffer.alloc(Math.max(...LENGTHS), 0x61);

console.log("| characters | toString('latin1') (copy only) | toString('hex') of length/2 bytes | hex in 16 KiB pieces (rope) | rope + first read | CPython bytes.hex() |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
for (const length of LENGTHS) {
  const bytes = Buffer.from(Uint8Array.from({ length: length / 2 }, (_, i) => i & 255));
  const rope = () => {
    let text = "";
    for (let at = 0; at < bytes.length; at += PIECE) text += bytes.toString("hex", at, Math.min(bytes.length, at + PIECE));
    return text;
  };
  const { latin1, hex, rope: pieces, ropeRead } = await interleaved({
    latin1: () => ascii.toString("latin1", 0, length).length,
    hex: () => bytes.toString("hex").length,
    rope: () => rope().length,
    // charCodeAt flattens a rope (V8's String::Flatten) before it reads.
    ropeRead: () => rope().charCodeAt(length - 1),
  });
  const cells = [latin1, hex, pieces, ropeRead, cpythonHexNs(bytes.length)].map((ns) => format(/** @type {number} */ (ns)));
  console.log(`| ${length} | ${cells.join(" | ")} |`);
}
