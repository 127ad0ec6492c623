/**
 * Format compilation of formats not seen before: `calcsize` cycling through
 * 1,000 distinct formats (more than the 100 that CPython's struct module and
 * ours keep cached, so every call compiles), and `calcsize` of one long
 * format made new for every call.
 */

import { calcsize } from "@pybuffer/core";
import pythonStruct from "python-struct";
import { formats } from "../lib/data.mjs";
import { defineCase } from "../lib/registry.mjs";

/**
 * `String.prototype.charCodeAt`, called as `charCodeAt.call(text, i)` and kept
 * in a local constant (V8 inlines it; an imported binding it does not). A
 * `text.charCodeAt(i)` call site stops being inlined once any object in the
 * process inherits from `String.prototype` without being a string, and npyjs
 * (the `.npy` rows' peer, loaded in this process) declares
 * `class extends String`: every character then costs 3-5x more, which made
 * the format floors slower than the code they bound.
 * See src/probes/string-prototype.mjs.
 */
const charCodeAt = String.prototype.charCodeAt;

/** Standard sizes by character code (the floor's table). */
const SIZES = new Uint8Array(128);
for (const [code, size] of Object.entries({ x: 1, c: 1, b: 1, B: 1, "?": 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, e: 2, f: 4, d: 8, s: 1, p: 1 })) {
  SIZES[code.charCodeAt(0)] = size;
}

/**
 * The floor: one pass over the characters, counts and a size table
 * (standard sizes only, so no alignment).
 *
 * @param {string} format
 * @returns {number}
 */
function sizeOf(format) {
  let size = 0;
  let count = -1;
  for (let i = 1; i < format.length; i++) {
    const c = charCodeAt.call(format, i);
    if (c >= 48 && c <= 57) {
      count = (count < 0 ? 0 : count * 10) + (c - 48);
      continue;
    }
    size += /** @type {number} */ (SIZES[c]) * (count < 0 ? 1 : count);
    count = -1;
  }
  return size;
}

/** @param {readonly number[]} a @param {readonly number[]} b */
const sameSizes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

export default [
  defineCase({
    name: "calcsize 1,000 distinct formats",
    group: "struct",
    unit: "formats",
    sizes: [1000],
    fixedSizes: true,
    floorLabel: "one pass over the characters with a size table",
    setup: (n) => ({ list: formats(n) }),
    ours: ({ list }) => list.map((f) => calcsize(f)),
    floor: ({ list }) => list.map(sizeOf),
    check: (ours, floor) => sameSizes(/** @type {number[]} */ (ours), /** @type {number[]} */ (floor)),
    peer: {
      label: "python-struct 1.1.3 (sizeOf)",
      run: ({ list }) => list.map((f) => pythonStruct.sizeOf(f)),
      check: (ours, peer) => sameSizes(/** @type {number[]} */ (ours), /** @type {number[]} */ (peer)),
    },
    python: {
      setup: "fs = formats(n)\ncs = struct.calcsize",
      stmt: "for f in fs:\n    cs(f)",
    },
  }),
  defineCase({
    name: "calcsize one long unseen format",
    group: "struct",
    unit: "chars",
    sizes: [1e3, 1e5],
    floorLabel: "one pass over the characters with a size table",
    // A new format every call ("=<k>x" then n times "b": python-struct sizes a
    // bare "s" as 0 where CPython says 1), so no cache
    // answers; each returns the size less its k pad bytes, the same every call.
    setup: (n) => ({ body: "b".repeat(n), k: { next: 0 } }),
    ours: ({ body, k }) => calcsize(`=${++k.next}x${body}`) - k.next,
    floor: ({ body, k }) => sizeOf(`=${++k.next}x${body}`) - k.next,
    peer: {
      label: "python-struct 1.1.3 (sizeOf)",
      run: ({ body, k }) => pythonStruct.sizeOf(`=${++k.next}x${body}`) - k.next,
      check: (ours, peer) => ours === peer,
    },
    python: {
      setup: "import itertools\nbody = 'b' * n\nk = itertools.count(1)\ncs = struct.calcsize",
      stmt: "i = next(k)\ncs('=%dx' % i + body) - i",
    },
  }),
];
