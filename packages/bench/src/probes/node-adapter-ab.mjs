/**
 * An A/B of two builds of `@pybuffer/node-adapter` in one process, on CPU
 * time, for its I/O hot paths: `writeSync` of a strided and a contiguous
 * view, `readIntoSync` into a contiguous and a strided target, `write` to a
 * file descriptor, and `readInto` from a file descriptor and from a Node `Readable`. Both builds run on
 * this workspace's core, so only the adapter's own costs differ. Rounds
 * alternate a sample of A and one of B (the order swapping each round) and
 * report the median of the per-round ratios B/A with its interquartile
 * range; a sample is the process's CPU time (user + system) over calls
 * until 10 ms of it are spent, so the machine's other load stays out. Every
 * sample awaits the event loop once, as the bench does, so FinalizationRegistry
 * and WeakRef work does not pile up.
 *
 * Build A from a commit without touching the worktree, e.g.:
 *
 *     mkdir -p /tmp/base && git archive <commit> packages/node-adapter tsconfig.base.json | tar -x -C /tmp/base
 *     ln -s "$PWD/node_modules" /tmp/base/node_modules
 *     (cd /tmp/base/packages/node-adapter && ../../node_modules/.bin/tsc -p tsconfig.build.json)
 *
 * Run: `npm run build && node packages/bench/src/probes/node-adapter-ab.mjs /tmp/base/packages/node-adapter/dist/index.js [n ...]`
 * (n, in 8-byte items, defaults to 1000 and 100000; B is this workspace's build).
 */

import { closeSync, openSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { memoryview, slice } from "@pybuffer/core";

const [baseEntry, ...sizeArgs] = process.argv.slice(2);
if (baseEntry === undefined) {
  console.error("usage: node packages/bench/src/probes/node-adapter-ab.mjs <build A's node-adapter dist/index.js> [n ...]");
  process.exit(2);
}
/** @typedef {typeof import("@pybuffer/node-adapter")} Adapter */
/** @type {Adapter} */
const adapterA = await import(pathToFileURL(resolve(baseEntry)).href);
/** @type {Adapter} */
const adapterB = await import("@pybuffer/node-adapter");
const sizes = sizeArgs.length > 0 ? sizeArgs.map(Number) : [1_000, 100_000];
const ROUNDS = 21;
const SAMPLE_CPU_US = 10_000;

/** One unlinked temporary file, as the bench row uses. */
const path = join(tmpdir(), `pybuffer-node-adapter-ab-${process.pid}.bin`);
const fd = openSync(path, "w+");
unlinkSync(path);
process.once("exit", () => closeSync(fd));

/**
 * The operations, over the same inputs for either build; each returns a
 * value or a promise.
 *
 * @param {Adapter} adapter
 * @param {number} n
 * @returns {Record<string, () => unknown>}
 */
function operations(adapter, n) {
  const doubles = new Float64Array(2 * n).map((_, i) => i + 0.5);
  const strided = memoryview(doubles).get(slice(null, null, 2));
  const contiguous = doubles.subarray(0, n);
  const target = new Float64Array(n);
  const stridedTarget = memoryview(new Float64Array(2 * n)).get(slice(null, null, 2));
  const chunk = Buffer.from(contiguous.buffer, 0, 8 * n);
  adapter.writeSync(fd, contiguous, { position: 0 });
  return {
    "writeSync strided [::2]": () => adapter.writeSync(fd, strided, { position: 0 }),
    "writeSync contiguous": () => adapter.writeSync(fd, contiguous, { position: 0 }),
    "readIntoSync contiguous": () => adapter.readIntoSync(fd, target, { position: 0 }),
    "readIntoSync strided [::2]": () => adapter.readIntoSync(fd, stridedTarget, { position: 0 }),
    "write (fd) strided [::2]": () => adapter.write(fd, strided, { position: 0 }),
    "readInto (fd) contiguous": () => adapter.readInto(fd, target, { position: 0 }),
    "readInto (Readable) contiguous": () => adapter.readInto(Readable.from([chunk], { objectMode: false }), target),
  };
}

/** Calls `action` (awaiting what it returns) until SAMPLE_CPU_US of CPU time are spent; ns of CPU time per call. */
async function cpuSample(/** @type {() => unknown} */ action) {
  await new Promise((done) => setImmediate(done));
  const start = process.cpuUsage();
  let calls = 0;
  let spent = 0;
  while (spent < SAMPLE_CPU_US) {
    for (let k = 0; k < 8; k++) await action();
    calls += 8;
    const used = process.cpuUsage(start);
    spent = used.user + used.system;
  }
  return (spent / calls) * 1e3;
}

/** @param {number[]} values */
const sorted = (values) => [...values].sort((a, b) => a - b);
/** @param {number} ns */
const format = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);

console.log("| operation | n | A (CPU time) | B (CPU time) | B/A (IQR) |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const n of sizes) {
  const a = operations(adapterA, n);
  const b = operations(adapterB, n);
  for (const name of Object.keys(a)) {
    const runA = /** @type {() => unknown} */ (a[name]);
    const runB = /** @type {() => unknown} */ (b[name]);
    /** @type {number[]} */ const timesA = [];
    /** @type {number[]} */ const timesB = [];
    /** @type {number[]} */ const ratios = [];
    for (let round = 0; round < ROUNDS; round++) {
      const first = round % 2 === 0 ? runA : runB;
      const second = first === runA ? runB : runA;
      const timeFirst = await cpuSample(first);
      const timeSecond = await cpuSample(second);
      const [timeA, timeB] = first === runA ? [timeFirst, timeSecond] : [timeSecond, timeFirst];
      timesA.push(timeA);
      timesB.push(timeB);
      ratios.push(timeB / timeA);
    }
    const r = sorted(ratios);
    const mid = Math.floor(ROUNDS / 2);
    const q = (/** @type {number} */ p) => /** @type {number} */ (r[Math.round(p * (ROUNDS - 1))]).toFixed(2);
    const medianA = /** @type {number} */ (sorted(timesA)[mid]);
    const medianB = /** @type {number} */ (sorted(timesB)[mid]);
    console.log(`| ${name} | ${n} | ${format(medianA)} | ${format(medianB)} | ${q(0.5)} (${q(0.25)}-${q(0.75)}) |`);
  }
}
