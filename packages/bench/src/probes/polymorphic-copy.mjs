/**
 * Why `node-adapter writeSync strided [::2]` at 10^3 items trails CPython in
 * the full table but not when run alone (`npm run bench -- --filter
 * node-adapter`): the gather under it is core's word-copy loop
 * (`copyWords` in packages/core/src/protocol/item-copy.ts), one function
 * whose element loads and stores serve Uint16Array, Uint32Array and
 * BigUint64Array alike. In a process that has only copied 8-byte words the
 * loop is monomorphic and copies 1,000 'd' items in about 1.5 µs; once any
 * earlier row has gathered 2- or 4-byte words through it (the full table's
 * item, `toBytes` and slice-assignment rows do), V8 makes those accesses
 * polymorphic and the same copy costs 3-4x more, which alone puts the row
 * above CPython's `os.pwrite(fd, m.tobytes(), 0)`. A loop per word width
 * (three function literals, so three feedback slots) keeps each monomorphic.
 *
 * This prints, per call, the CPU time of `writeSync(fd, m[::2])`, of
 * `readIntoSync(fd, m[::2])` (whose scatter is the same loop), of
 * `m[::2].toBytes()` alone, and of a hand-written gather into a reused
 * Float64Array plus one `fs.writeSync`, first in a fresh process, then after
 * gathering strided 'B', 'h', 'i' and 'f' views (the word widths 1, 2 and 4)
 * as earlier bench rows do; and, when a `python3` is on the PATH (or
 * `PYBUFFER_BENCH_PYTHON`), CPython's `os.pwrite(fd, m.tobytes(), 0)` on CPU
 * time too.
 *
 * Run: `npm run build && node packages/bench/src/probes/polymorphic-copy.mjs [n ...]` (n defaults to 1000).
 */

import { spawnSync } from "node:child_process";
import { closeSync, openSync, unlinkSync, writeSync as fsWriteSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryview, slice } from "@pybuffer/core";
import { readIntoSync, writeSync } from "@pybuffer/node-adapter";

/** @typedef {import("@pybuffer/core").MemoryView} MemoryView */

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1000];
const path = join(tmpdir(), `pybuffer-polymorphic-copy-${process.pid}.bin`);
const fd = openSync(path, "w+");
unlinkSync(path);
process.once("exit", () => closeSync(fd));

/** Median CPU time per call (ns) over 21 samples of at least 10 ms of CPU, yielding between samples. */
async function cpuPerCall(/** @type {() => unknown} */ action) {
  for (let i = 0; i < 2000; i++) action();
  /** @type {number[]} */
  const samples = [];
  for (let round = 0; round < 21; round++) {
    await new Promise((done) => setImmediate(done));
    const start = process.cpuUsage();
    let calls = 0;
    let spent = 0;
    while (spent < 10_000) {
      for (let k = 0; k < 16; k++) action();
      calls += 16;
      const used = process.cpuUsage(start);
      spent = used.user + used.system;
    }
    samples.push((spent / calls) * 1e3);
  }
  return /** @type {number} */ (samples.sort((a, b) => a - b)[10]);
}

/** @param {number} n */
function operations(n) {
  const data = new Float64Array(2 * n).map((_, i) => i + 0.5);
  const m = /** @type {MemoryView} */ (memoryview(data).get(slice(null, null, 2)));
  const gathered = new Float64Array(n);
  const bytes = new Uint8Array(gathered.buffer);
  const target = /** @type {MemoryView} */ (memoryview(new Float64Array(2 * n)).get(slice(null, null, 2)));
  return {
    "writeSync(fd, m[::2])": () => writeSync(fd, m, { position: 0 }),
    "readIntoSync(fd, m[::2]) (a scatter)": () => readIntoSync(fd, target, { position: 0 }),
    "m[::2].toBytes()": () => m.toBytes(),
    "floor: gather into a reused Float64Array + fs.writeSync": () => {
      for (let i = 0; i < n; i++) gathered[i] = /** @type {number} */ (data[2 * i]);
      return fsWriteSync(fd, bytes, 0, bytes.length, 0);
    },
  };
}

/** Gathers strided views of 1-, 2- and 4-byte items, as the full table's earlier rows do. */
function copyOtherWordWidths() {
  for (const Items of [Uint8Array, Int16Array, Int32Array, Float32Array]) {
    const view = /** @type {MemoryView} */ (memoryview(new Items(4096)).get(slice(null, null, 2)));
    for (let i = 0; i < 2000; i++) view.toBytes();
  }
}

/** CPython's column of the bench row, on CPU time (time.process_time), or undefined without a python3. */
function cpython(/** @type {number} */ n) {
  const python = process.env["PYBUFFER_BENCH_PYTHON"] ?? "python3";
  const script = [
    "import os, sys, tempfile, time, array",
    "n = int(sys.argv[1])",
    "fd, path = tempfile.mkstemp(); os.unlink(path)",
    "m = memoryview(array.array('d', [i + 0.5 for i in range(2 * n)]))[::2]",
    "samples = []",
    "for _ in range(21):",
    "    calls = 0; start = time.process_time()",
    "    while time.process_time() - start < 0.01:",
    "        for _ in range(16): os.pwrite(fd, m.tobytes(), 0)",
    "        calls += 16",
    "    samples.append((time.process_time() - start) / calls * 1e9)",
    "print(sorted(samples)[10])",
  ].join("\n");
  const run = spawnSync(python, ["-c", script, String(n)], { encoding: "utf8" });
  return run.status === 0 ? Number(run.stdout.trim()) : undefined;
}

/** @param {number} ns */
const format = (ns) => `${(ns / 1e3).toFixed(2)} µs`;

/** @type {Map<string, number[]>} */
const rows = new Map();
// The same closures in both phases: only the copy loop's feedback changes between them.
const perSize = sizes.map((n) => /** @type {const} */ ([n, operations(n)]));
for (const phase of ["fresh", "after"]) {
  if (phase === "after") copyOtherWordWidths();
  for (const [n, actions] of perSize) {
    for (const [name, action] of Object.entries(actions)) {
      const key = `${name} | ${n}`;
      rows.set(key, [...(rows.get(key) ?? []), await cpuPerCall(action)]);
    }
  }
}
console.log("| operation | n | fresh process (8-byte words only) | after 1-, 2- and 4-byte gathers |");
console.log("| --- | ---: | ---: | ---: |");
for (const [key, [fresh, after]] of rows) console.log(`| ${key} | ${format(/** @type {number} */ (fresh))} | ${format(/** @type {number} */ (after))} |`);
for (const n of sizes) {
  const ns = cpython(n);
  console.log(ns === undefined ? "CPython: no python3 found" : `CPython os.pwrite(fd, m.tobytes(), 0), n = ${n}: ${format(ns)} (CPU time)`);
}
