/**
 * What one `class extends String` elsewhere in a process does to string
 * scans in V8: times a `text.charCodeAt(i)` scan, the same scan through
 * `String.prototype.charCodeAt.call`, and core's `new Struct(format)` of a
 * long format, first in a clean process, then after an object that inherits
 * from `String.prototype` has been made (what npyjs does when it loads; it
 * cannot be undone, so the clean run comes first). CPU time, best of 7.
 *
 * Run: `node packages/bench/src/probes/string-prototype.mjs`
 */

import { Struct } from "@pybuffer/core";

/** Local, as in the floors (src/cases/82-calcsize.mjs): an imported binding is not inlined. */
const charCodeAt = String.prototype.charCodeAt;

const N = 100_000;
const FORMAT = "=" + "s".repeat(N);

/** @param {string} text */
function methodScan(text) {
  let count = 0;
  for (let i = 1; i < text.length; i++) count += text.charCodeAt(i) === 115 ? 1 : 0;
  return count;
}

/** @param {string} text */
function callScan(text) {
  let count = 0;
  for (let i = 1; i < text.length; i++) count += charCodeAt.call(text, i) === 115 ? 1 : 0;
  return count;
}

/** @param {() => number} action ns per character, best of 7 samples of 20 calls */
function nsPerChar(action) {
  for (let i = 0; i < 20; i++) action();
  let best = Infinity;
  for (let sample = 0; sample < 7; sample++) {
    const start = process.cpuUsage();
    for (let i = 0; i < 20; i++) if (action() !== N) throw new Error("probe: wrong count");
    const used = process.cpuUsage(start);
    best = Math.min(best, ((used.user + used.system) * 1e3) / 20 / N);
  }
  return best.toFixed(2);
}

/** @param {string} when */
function report(when) {
  console.log(
    `${when.padEnd(44)} text.charCodeAt(i) ${nsPerChar(() => methodScan(FORMAT))} ns/char, ` +
      `charCodeAt.call(text, i) ${nsPerChar(() => callScan(FORMAT))} ns/char, ` +
      `new Struct(format) ${nsPerChar(() => new Struct(FORMAT).size)} ns/char`,
  );
}

report("clean process:");
/** @type {unknown} */
const inheritsFromStringPrototype = Object.create(String.prototype);
report("after Object.create(String.prototype):");
if (inheritsFromStringPrototype === null) throw new Error("unreachable");
