/**
 * The legacy buffer's byte-producing rows against their floor, on CPU time
 * and interleaved: what our `b[1:-1]` and `b + other` spend beyond the
 * cheapest fresh exclusive copy plain JavaScript has
 * (`../lib/fresh-bytes.mjs`, the bench's floor column for these rows).
 *
 * For each size, rounds alternate one sample of every column (the order
 * rotating and reversing each round, as the bench harness does); a sample
 * is the process's CPU time (user + system, `process.cpuUsage`) over calls
 * until 10 ms of it are spent, and the event loop runs between samples so
 * that FinalizationRegistry callbacks and WeakRefs do not pile up. It
 * prints each column's median time per call, and for ours the median of
 * the per-round ratios to the floor (with their interquartile range) and
 * of the per-round differences: the time per call ours spends beyond the
 * floor. A difference that does not grow with n is per-call overhead (checks,
 * calls); one that grows is a second pass over the bytes.
 *
 * "floor via core" makes the same copy through core's checked helpers
 * (`copyOfBytes`, `concatBytes` from `@pybuffer/core/internal`): its
 * distance from the floor is what their argument checks cost, which is why
 * the legacy buffer copies its own (already checked) windows without them.
 * The last column is the collector's main-thread pause per call (the
 * `gc` entries of `perf_hooks` that fall inside each sample, averaged).
 *
 * What it shows (Node 20.20, 2 shared cores, December 2026): ours is
 * within a few per cent of the floor at 10^3-10^6 bytes in CPU time
 * (medians 0.94-1.10 over 40-100 rounds), a fixed 7-20 ns per call
 * (16-byte rows: `node ... legacy-floor.mjs 16`), while the collector's
 * pauses are 10-50% of every column's time and land
 * in lumps (a mark-compact that external memory pressure triggers is
 * several milliseconds, a good part of one 10 ms sample): they fall on
 * whichever column's sample crosses the threshold, which is what spreads
 * the per-round ratios (IQR often 0.8-1.5) and moves a 21-round median by
 * 10-30% between runs of the same code.
 *
 * Run: `npm run build && node packages/bench/src/probes/legacy-floor.mjs [n ...]`
 * (n defaults to 1e3, 1e5 and 1e6; `--rounds R` sets the rounds, 30 by default).
 */

import { PerformanceObserver, performance } from "node:perf_hooks";
import { slice } from "@pybuffer/core";
import { concatBytes, copyOfBytes } from "@pybuffer/core/internal";
import { buffer } from "@pybuffer/legacy-buffer";
import { u8 } from "../lib/data.mjs";
import { freshBytes, freshCopy } from "../lib/fresh-bytes.mjs";

const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const ROUNDS = roundsAt === -1 ? 30 : Number(args.splice(roundsAt, 2)[1]);
const sizes = args.length > 0 ? args.map(Number) : [1e3, 1e5, 1e6];
const SAMPLE_CPU_US = 10_000;
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

/** A place results go, so that no call is optimised away. */
let sink;

/**
 * The columns of each row at `n`: ours first, the floor second.
 *
 * @param {number} n
 * @returns {Record<string, Record<string, () => unknown>>}
 */
function rows(n) {
  const data = u8(n);
  const other = u8(n);
  const b = buffer(data);
  const inner = slice(1, -1);
  const SMALL = 64 * 1024;
  return {
    "legacy buffer slice [1:-1]": {
      ours: () => b.get(inner),
      floor: () => freshCopy(data, 1, n - 1),
      "floor via core": () => (n - 2 < SMALL ? data.slice(1, n - 1) : copyOfBytes(data.subarray(1, n - 1))),
    },
    "legacy buffer concat": {
      ours: () => b.concat(other),
      floor() {
        const out = freshBytes(2 * n);
        out.set(data);
        out.set(other, n);
        return out;
      },
      "floor via core": () => concatBytes([data, other]),
    },
  };
}

/** The collector's pauses on the main thread: [start, end] in `performance.now()` ms. */
const pauses = /** @type {[number, number][]} */ ([]);
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push([entry.startTime, entry.startTime + entry.duration]);
});
observer.observe({ entryTypes: ["gc"] });

/**
 * Calls `action` until SAMPLE_CPU_US of CPU time are spent: ns of CPU time
 * per call, and the sample's calls and wall-clock window (for its pauses).
 */
function cpuSample(/** @type {() => unknown} */ action) {
  const from = performance.now();
  const start = process.cpuUsage();
  let calls = 0;
  let spent = 0;
  while (spent < SAMPLE_CPU_US) {
    for (let k = 0; k < 8; k++) sink = action();
    calls += 8;
    const used = process.cpuUsage(start);
    spent = used.user + used.system;
  }
  return { ns: (spent / calls) * 1e3, calls, from, to: performance.now() };
}

/** ns of collector pause per call in a sample's window (pauses are reported after the fact, so read at the row's end). */
function pausePerCall(/** @type {{ calls: number, from: number, to: number }} */ sample) {
  let ms = 0;
  for (const [start, end] of pauses) ms += Math.max(0, Math.min(end, sample.to) - Math.max(start, sample.from));
  return (ms * 1e6) / sample.calls;
}

/** @param {number[]} values */
const sorted = (values) => [...values].sort((a, b) => a - b);
/** @param {number[]} values @param {number} q */
const at = (values, q) => /** @type {number} */ (sorted(values)[Math.floor(q * (values.length - 1))]);
/** @param {number} ns */
const format = (ns) => (Math.abs(ns) >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : Math.abs(ns) >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);

console.log(`rounds: ${ROUNDS}; samples of ${SAMPLE_CPU_US / 1000} ms CPU time; Node ${process.version}`);
console.log("| row | n | column | CPU time per call | /floor (IQR) | minus floor (IQR) | collector pause per call (mean) |");
console.log("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
for (const n of sizes) {
  for (const [name, columns] of Object.entries(rows(n))) {
    const names = Object.keys(columns);
    /** @type {Record<string, number[]>} */
    const times = {};
    /** @type {Record<string, number[]>} */
    const gcTimes = {};
    /** @type {Record<string, ReturnType<typeof cpuSample>[]>} */
    const samples = Object.fromEntries(names.map((column) => [column, []]));
    pauses.length = 0;
    for (const column of names) for (let i = 0; i < 50; i++) sink = columns[column]?.();
    for (let round = 0; round < ROUNDS; round++) {
      const rotated = names.map((_, i) => /** @type {string} */ (names[(i + (round >> 1)) % names.length]));
      if (round % 2 === 1) rotated.reverse();
      for (const column of rotated) {
        samples[column]?.push(cpuSample(/** @type {() => unknown} */ (columns[column])));
        await nextTask();
      }
    }
    await nextTask(); // the last pauses are delivered
    for (const column of names) {
      times[column] = (samples[column] ?? []).map((sample) => sample.ns);
      gcTimes[column] = (samples[column] ?? []).map(pausePerCall);
    }
    pauses.length = 0;
    const floor = /** @type {number[]} */ (times["floor"]);
    for (const column of names) {
      const own = /** @type {number[]} */ (times[column]);
      const ratios = own.map((t, i) => t / /** @type {number} */ (floor[i]));
      const diffs = own.map((t, i) => t - /** @type {number} */ (floor[i]));
      const ratio = column === "floor" ? "-" : `${at(ratios, 0.5).toFixed(3)} (${at(ratios, 0.25).toFixed(2)}-${at(ratios, 0.75).toFixed(2)})`;
      const diff = column === "floor" ? "-" : `${format(at(diffs, 0.5))} (${format(at(diffs, 0.25))} to ${format(at(diffs, 0.75))})`;
      const gc = /** @type {number[]} */ (gcTimes[column]);
      const gcMean = gc.reduce((total, t) => total + t, 0) / gc.length;
      console.log(`| ${name} | ${n} | ${column} | ${format(at(own, 0.5))} | ${ratio} | ${diff} | ${format(gcMean)} |`);
    }
  }
}
if (sink === Symbol.for("never")) console.log("");
