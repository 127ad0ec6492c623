/**
 * An A/B of two builds of `@pybuffer/core` in one process, on CPU time: for
 * each operation, rounds that alternate a sample of build A and one of
 * build B (the order swapping each round), and the median of the per-round
 * ratios B/A with its interquartile range. A sample is the process's CPU
 * time (user + system, `process.cpuUsage`) over calls until 10 ms of it are
 * spent, so time the machine's other work takes from this process stays
 * out; that makes it the measure for a change's own effect on a loaded
 * machine. It is not a measure against CPython: V8's background threads
 * (concurrent marking, compilation) count here, and CPython has none.
 *
 * Build A from a commit without touching the worktree, e.g.:
 *
 *     mkdir -p /tmp/base && git archive <commit> packages/core tsconfig.base.json | tar -x -C /tmp/base
 *     ln -s "$PWD/node_modules" /tmp/base/node_modules
 *     (cd /tmp/base/packages/core && ../../node_modules/.bin/tsc -p tsconfig.build.json)
 *
 * Run: `node packages/bench/src/probes/ab-builds.mjs /tmp/base/packages/core/dist/index.js [n ...]`
 * (B is this workspace's build, `npm run build` first; n defaults to 1000 and 100000).
 *
 * `--legacy <build A's legacy-buffer dist/index.js>` adds the legacy
 * buffer's byte-producing rows (`git archive <commit> packages/legacy-buffer`
 * into the same folder, built the same way); both legacy builds run on this
 * workspace's core. `--numpy <build A's numpy dist/index.js>` adds the
 * numpy rows (`loadNpy`, `saveNpy` of a strided view, `toList()` of the
 * bench's records) the same way.
 */

import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { recordFile } from "../cases/97-numpy.mjs";
import { f64 } from "../lib/data.mjs";

const args = process.argv.slice(2);
const legacyAt = args.indexOf("--legacy");
const legacyEntry = legacyAt === -1 ? undefined : args.splice(legacyAt, 2)[1];
const numpyAt = args.indexOf("--numpy");
const numpyEntry = numpyAt === -1 ? undefined : args.splice(numpyAt, 2)[1];
const [baseEntry, ...sizeArgs] = args;
if (baseEntry === undefined) {
  console.error("usage: node packages/bench/src/probes/ab-builds.mjs <build A's dist/index.js> [n ...]");
  process.exit(2);
}
/** @type {typeof import("@pybuffer/core")} */
const coreA = await import(pathToFileURL(resolve(baseEntry)).href);
/** @type {typeof import("@pybuffer/core")} */
const coreB = await import("@pybuffer/core");
/** @typedef {{ buffer(data: Uint8Array): { get(key: unknown): Uint8Array, concat(other: unknown): unknown } }} LegacyModule */
/** @type {[LegacyModule, LegacyModule] | undefined} */
const legacyBuilds =
  legacyEntry === undefined ? undefined : [await import(pathToFileURL(resolve(legacyEntry)).href), await import("@pybuffer/legacy-buffer")];
/** @typedef {{ saveNpy(exporter: unknown): Uint8Array, loadNpy(bytes: Uint8Array): { toList(): unknown } }} NumpyModule */
/** @type {[NumpyModule, NumpyModule] | undefined} */
const numpyBuilds =
  numpyEntry === undefined ? undefined : [await import(pathToFileURL(resolve(numpyEntry)).href), await import("@pybuffer/numpy")];
const sizes = sizeArgs.length > 0 ? sizeArgs.map(Number) : [1_000, 100_000];
const ROUNDS = 25;
const SAMPLE_CPU_US = 10_000;

/**
 * View creation over a built-in exporter, and the operations of the
 * byte-producing rows, over the same inputs for either build.
 *
 * @param {typeof import("@pybuffer/core")} core
 * @param {number} n
 * @returns {Record<string, () => unknown>}
 */
function operations(core, n) {
  const doubles = new Float64Array(n).map((_, i) => i + 0.5);
  const bytes = new Uint8Array(n).map((_, i) => i & 255);
  const m = core.memoryview(doubles);
  const byteView = core.memoryview(bytes);
  const target = new Uint8Array(8 * n);
  const assigned = core.memoryview(new Float64Array(n));
  const strided = core.memoryview(new Float64Array(2 * n));
  const all = core.slice(null, null);
  const every2 = core.slice(null, null, 2);
  const matrix = core.memoryview(doubles).cast("B").cast("d", [Math.max(1, Math.floor(n / 100)), 100]);
  const block = bytes.buffer;
  return {
    "memoryview(Float64Array)": () => core.memoryview(doubles),
    "memoryview(ArrayBuffer)": () => core.memoryview(block),
    "copyInto contiguous": () => m.copyInto(target),
    "slice assign [:]": () => assigned.set(all, doubles),
    "slice assign [::2]": () => strided.set(every2, doubles),
    hex: () => byteView.hex(),
    "hex(':')": () => byteView.hex(":"),
    "toBytes contiguous": () => m.toBytes(),
    "toBytes('F') 2-D": () => matrix.toBytes("F"),
  };
}

/**
 * The legacy buffer's rows whose result is new bytes, over the same inputs for either build.
 *
 * @param {LegacyModule} legacy
 * @param {number} n
 * @returns {Record<string, () => unknown>}
 */
function legacyOperations(legacy, n) {
  const bytes = new Uint8Array(n).map((_, i) => i & 255);
  const other = new Uint8Array(n).map((_, i) => (3 * i) & 255);
  const b = legacy.buffer(bytes);
  const inner = coreB.slice(1, -1);
  return {
    "legacy buffer slice [1:-1]": () => b.get(inner),
    "legacy buffer concat": () => b.concat(other),
  };
}

/**
 * The numpy rows, over the same inputs for either build.
 *
 * @param {NumpyModule} numpy
 * @param {number} n
 * @returns {Record<string, () => unknown>}
 */
function numpyOperations(numpy, n) {
  const strided = coreB.memoryview(f64(2 * n)).get(coreB.slice(null, null, 2));
  const records = numpy.loadNpy(recordFile(n));
  const file = numpy.saveNpy(f64(n));
  return {
    "numpy loadNpy float64": () => numpy.loadNpy(file),
    "numpy saveNpy strided [::2]": () => numpy.saveNpy(strided),
    "numpy toList records": () => records.toList(),
  };
}

/** Calls `action` until SAMPLE_CPU_US of CPU time are spent; ns of CPU time per call. */
function cpuSample(/** @type {() => unknown} */ action) {
  const start = process.cpuUsage();
  let calls = 0;
  let spent = 0;
  while (spent < SAMPLE_CPU_US) {
    for (let k = 0; k < 16; k++) action();
    calls += 16;
    const used = process.cpuUsage(start);
    spent = used.user + used.system;
  }
  return (spent / calls) * 1e3;
}

/** @param {number[]} values */
const sorted = (values) => [...values].sort((a, b) => a - b);
/** @param {number} ns */
const format = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);

console.log("| operation | n | A (CPU time) | B (CPU time) | B/A (IQR) |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const n of sizes) {
  const a = operations(coreA, n);
  const b = operations(coreB, n);
  if (legacyBuilds !== undefined) {
    Object.assign(a, legacyOperations(legacyBuilds[0], n));
    Object.assign(b, legacyOperations(legacyBuilds[1], n));
  }
  if (numpyBuilds !== undefined) {
    Object.assign(a, numpyOperations(numpyBuilds[0], n));
    Object.assign(b, numpyOperations(numpyBuilds[1], n));
  }
  for (const name of Object.keys(a)) {
    const runA = /** @type {() => unknown} */ (a[name]);
    const runB = /** @type {() => unknown} */ (b[name]);
    /** @type {number[]} */ const timesA = [];
    /** @type {number[]} */ const timesB = [];
    /** @type {number[]} */ const ratios = [];
    for (let round = 0; round < ROUNDS; round++) {
      let timeA;
      let timeB;
      if (round % 2 === 0) {
        timeA = cpuSample(runA);
        timeB = cpuSample(runB);
      } else {
        timeB = cpuSample(runB);
        timeA = cpuSample(runA);
      }
      timesA.push(timeA);
      timesB.push(timeB);
      ratios.push(timeB / timeA);
      // Let the collector and finalizers run between rounds, as the bench harness does.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const q = sorted(ratios);
    const mid = ROUNDS >> 1;
    const cell = `${(/** @type {number} */ (q[mid])).toFixed(2)} (${(/** @type {number} */ (q[ROUNDS >> 2])).toFixed(2)}-${(/** @type {number} */ (q[(3 * ROUNDS) >> 2])).toFixed(2)})`;
    console.log(`| ${name} | ${n} | ${format(/** @type {number} */ (sorted(timesA)[mid]))} | ${format(/** @type {number} */ (sorted(timesB)[mid]))} | ${cell} |`);
  }
}
