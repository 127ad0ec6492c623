/**
 * Whether a cheaper way to make each `S4` value would speed up `toList()`
 * of the bench's NumPy records (`<i4`, `<f8`, `S4`; see
 * record-bytes-field.mjs for why that field is most of the time). Each way
 * gives one `Uint8Array` per value that owns its memory, as CPython makes
 * one `bytes` each, with the trailing NULs cut:
 *
 * - `loop`: `new Uint8Array(n)` filled by `DataView#getUint8` (what core's
 *   record reader does);
 * - `bytes-loop`: the same, read from a `Uint8Array` of the block;
 * - `slice`: `Uint8Array#slice` of the block;
 * - `set`: `new Uint8Array(n)` and `set` of a `subarray`;
 * - `of`: `Uint8Array.of(b0, ..., b3)`, one call per length;
 * - `buffer-slice`: a view of `ArrayBuffer#slice` (one ArrayBuffer each);
 * - `no-bytes`: the field read as an `<i4`, no typed array at all.
 *
 * Each way runs in a fresh Node process, which builds the records with
 * generated code as core does (one object literal per record) and prints
 * the median of 11 calls in CPU time (user + system, so the collector's
 * threads count) and wall time, yielding between calls; every value is
 * checked. Rounds rotate the order of the ways.
 *
 * Run: `node packages/bench/src/probes/record-bytes-makers.mjs [n] [rounds]` (n defaults to 1e5, rounds to 3).
 */

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const RECORD = 16;
const FIELD = 12;
const SIZE = 4;

/** @typedef {(view: DataView, bytes: Uint8Array, offset: number, size: number) => unknown} Maker */

/** Bytes before the trailing NULs. */
function trimmed(/** @type {DataView} */ view, /** @type {number} */ offset, /** @type {number} */ size) {
  let end = size;
  while (end > 0 && view.getUint8(offset + end - 1) === 0) end--;
  return end;
}

/** @type {Record<string, Maker>} */
const MAKERS = {
  loop(view, _bytes, offset, size) {
    const end = trimmed(view, offset, size);
    const copy = new Uint8Array(end);
    for (let i = 0; i < end; i++) copy[i] = view.getUint8(offset + i);
    return copy;
  },
  "bytes-loop"(_view, bytes, offset, size) {
    let end = size;
    while (end > 0 && bytes[offset + end - 1] === 0) end--;
    const copy = new Uint8Array(end);
    for (let i = 0; i < end; i++) copy[i] = /** @type {number} */ (bytes[offset + i]);
    return copy;
  },
  slice(view, bytes, offset, size) {
    return bytes.slice(offset, offset + trimmed(view, offset, size));
  },
  set(view, bytes, offset, size) {
    const end = trimmed(view, offset, size);
    const copy = new Uint8Array(end);
    copy.set(bytes.subarray(offset, offset + end));
    return copy;
  },
  of(view, _bytes, offset, size) {
    const at = (/** @type {number} */ i) => view.getUint8(offset + i);
    switch (trimmed(view, offset, size)) {
      case 0:
        return new Uint8Array(0);
      case 1:
        return Uint8Array.of(at(0));
      case 2:
        return Uint8Array.of(at(0), at(1));
      case 3:
        return Uint8Array.of(at(0), at(1), at(2));
      default:
        return Uint8Array.of(at(0), at(1), at(2), at(3));
    }
  },
  "buffer-slice"(view, _bytes, offset, size) {
    return new Uint8Array(view.buffer.slice(offset, offset + trimmed(view, offset, size)));
  },
  "no-bytes"(view, _bytes, offset) {
    return view.getInt32(offset, true);
  },
};

/** One way, in this process: median CPU and wall ms of `toList` over n records. */
async function child(/** @type {string} */ way, /** @type {number} */ n) {
  const make = /** @type {Maker} */ (MAKERS[way]);
  const bytes = new Uint8Array(RECORD * n);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    view.setInt32(RECORD * i, i, true);
    view.setFloat64(RECORD * i + 4, i + 0.5, true);
    view.setUint8(RECORD * i + FIELD, 97 + (i % 26));
  }
  /** @type {(view: DataView, offset: number) => { a: number, b: number, c: unknown }} */
  const read = new Function(
    "make", "bytes",
    `"use strict"; return (view, offset) => ({ "a": view.getInt32(offset, true), "b": view.getFloat64(offset + 4, true), "c": make(view, bytes, offset + ${FIELD}, ${SIZE}) });`,
  )(make, bytes);
  const toList = () => {
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = read(view, RECORD * i);
    return out;
  };
  const cpu = [];
  const wall = [];
  for (let sample = 0; sample < 11; sample++) {
    const start = process.cpuUsage();
    const t0 = performance.now();
    toList();
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(start);
    cpu.push((used.user + used.system) / 1e3);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const exact = toList().every((record, i) =>
    way === "no-bytes" ? record.c === 97 + (i % 26) : record.c instanceof Uint8Array && record.c.length === 1 && record.c[0] === 97 + (i % 26) && record.c.buffer.byteLength === 1,
  );
  const median = (/** @type {number[]} */ values) => /** @type {number} */ (values.sort((a, b) => a - b)[values.length >> 1]);
  console.log(JSON.stringify({ cpu: median(cpu), wall: median(wall), exact }));
}

const args = process.argv.slice(2);
if (args[0] === "--child") {
  await child(/** @type {string} */ (args[1]), Number(args[2]));
} else {
  const n = Number(args[0] ?? 1e5);
  const rounds = Number(args[1] ?? 3);
  const ways = Object.keys(MAKERS);
  /** @type {Record<string, { cpu: number[], wall: number[], exact: boolean }>} */
  const results = Object.fromEntries(ways.map((way) => [way, { cpu: [], wall: [], exact: true }]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < ways.length; k++) {
      const way = /** @type {string} */ (ways[(k + round) % ways.length]);
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", way, String(n)], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(run.stderr);
      const { cpu, wall, exact } = JSON.parse(run.stdout);
      const result = /** @type {{ cpu: number[], wall: number[], exact: boolean }} */ (results[way]);
      result.cpu.push(cpu);
      result.wall.push(wall);
      result.exact &&= exact;
    }
  }
  const cell = (/** @type {number[]} */ values) => values.map((v) => v.toFixed(1)).join(" / ");
  console.log(`| way (${n} records, ${rounds} rounds) | CPU ms per toList, by round | wall ms, by round | values exact |`);
  console.log("| --- | ---: | ---: | --- |");
  for (const way of ways) {
    const result = /** @type {{ cpu: number[], wall: number[], exact: boolean }} */ (results[way]);
    console.log(`| ${way} | ${cell(result.cpu)} | ${cell(result.wall)} | ${result.exact ? "yes" : "NO"} |`);
  }
}
