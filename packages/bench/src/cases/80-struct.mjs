/**
 * `struct` with a mixed format, one call per record (the size counts records):
 * `Struct#pack`, `Struct#unpackFrom` over a buffer of records, `Struct#iterUnpack`;
 * and the compilation of one long format (the size counts its characters).
 */

import { Struct } from "@pybuffer/core";
import pythonStruct from "python-struct";
import { ITEM_WISE_PYODIDE, defineCase } from "../lib/registry.mjs";

/** The JavaScript peer: the npm package people use for Python's struct formats today. */
const PEER = "python-struct 1.1.3";

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

const FORMAT = "<bhiqfd?";
const SIZE = 28;
const PY_SETUP = `s = Struct('${FORMAT}')
def record(i):
    return (i & 127, i & 32767, i, i, 0.5, i + 0.5, bool(i & 1))`;
const PY_BUFFER = `buf = b''.join([s.pack(*record(i)) for i in range(n)])`;

const F32 = new Float32Array(1);
const F32_BYTES = new Uint8Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The floor's pack: byte stores into a fresh Uint8Array (floats through a
 * scratch Float32Array/Float64Array), the 8-byte integer as two 32-bit halves.
 *
 * @param {Uint8Array} b
 * @param {number} o offset
 * @param {number} i the record number, which gives the values
 */
function packRecord(b, o, i) {
  const h = i & 32767;
  const lo = i >>> 0;
  const hi = Math.floor(i / 2 ** 32) | 0;
  b[o] = i & 127;
  b[o + 1] = h;
  b[o + 2] = h >> 8;
  b[o + 3] = i;
  b[o + 4] = i >> 8;
  b[o + 5] = i >> 16;
  b[o + 6] = i >> 24;
  b[o + 7] = lo;
  b[o + 8] = lo >> 8;
  b[o + 9] = lo >> 16;
  b[o + 10] = lo >>> 24;
  b[o + 11] = hi;
  b[o + 12] = hi >> 8;
  b[o + 13] = hi >> 16;
  b[o + 14] = hi >> 24;
  F32[0] = 0.5;
  F64[0] = i + 0.5;
  if (LITTLE_ENDIAN) {
    for (let k = 0; k < 4; k++) b[o + 15 + k] = /** @type {number} */ (F32_BYTES[k]);
    for (let k = 0; k < 8; k++) b[o + 19 + k] = /** @type {number} */ (F64_BYTES[k]);
  } else {
    for (let k = 0; k < 4; k++) b[o + 15 + k] = /** @type {number} */ (F32_BYTES[3 - k]);
    for (let k = 0; k < 8; k++) b[o + 19 + k] = /** @type {number} */ (F64_BYTES[7 - k]);
  }
  b[o + 27] = i & 1;
}

/**
 * The floor's unpack: DataView reads into an array, as Struct returns them.
 *
 * @param {DataView} view
 * @param {number} offset
 */
function unpackRecord(view, offset) {
  return [
    view.getInt8(offset),
    view.getInt16(offset + 1, true),
    view.getInt32(offset + 3, true),
    view.getBigInt64(offset + 7, true),
    view.getFloat32(offset + 15, true),
    view.getFloat64(offset + 19, true),
    view.getUint8(offset + 27) !== 0,
  ];
}

/** @param {number} n */
function records(n) {
  const bytes = new Uint8Array(n * SIZE);
  for (let i = 0; i < n; i++) packRecord(bytes, i * SIZE, i);
  // python-struct reads through Buffer's methods: the same memory as a Buffer.
  return { n, bytes, buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), view: new DataView(bytes.buffer), s: new Struct(FORMAT) };
}

/**
 * python-struct returns its 8-byte integers as `Long` objects and packs into
 * a Buffer: compare values by their decimal text, bytes byte by byte.
 *
 * @param {unknown} ours
 * @param {unknown} peer
 */
function sameValues(ours, peer) {
  if (ours instanceof Uint8Array && peer instanceof Uint8Array) return ours.length === peer.length && ours.every((b, i) => b === peer[i]);
  if (!Array.isArray(ours) || !Array.isArray(peer) || ours.length !== peer.length) return false;
  return ours.every((value, i) => String(value) === String(peer[i]));
}

/** The peer's unpacking of every record of a `records` buffer (it reads through Buffer's methods). */
const UNPACK_EACH_PEER = {
  label: PEER,
  /** @param {{ n: number, buffer: Buffer }} state */
  run({ n, buffer }) {
    let last;
    for (let i = 0; i < n; i++) last = pythonStruct.unpackFrom(FORMAT, buffer, false, i * SIZE);
    return last;
  },
  check: sameValues,
};

export default [
  defineCase({
    name: "struct pack '<bhiqfd?'",
    group: "struct",
    unit: "records",
    targets: { pyodide: ITEM_WISE_PYODIDE },
    floorLabel: "byte stores into a new Uint8Array",
    setup: (n) => ({ n, s: new Struct(FORMAT) }),
    ours({ n, s }) {
      let last;
      for (let i = 0; i < n; i++) last = s.pack(i & 127, i & 32767, i, i, 0.5, i + 0.5, (i & 1) === 1);
      return last;
    },
    floor({ n }) {
      let last;
      for (let i = 0; i < n; i++) {
        last = new Uint8Array(SIZE);
        packRecord(last, 0, i);
      }
      return last;
    },
    peer: {
      label: PEER,
      run({ n }) {
        let last;
        for (let i = 0; i < n; i++) last = pythonStruct.pack(FORMAT, [i & 127, i & 32767, i, i, 0.5, i + 0.5, (i & 1) === 1]);
        return last;
      },
      check: sameValues,
    },
    python: {
      setup: `${PY_SETUP}\np = s.pack`,
      stmt: "for i in range(n):\n    p(i & 127, i & 32767, i, i, 0.5, i + 0.5, bool(i & 1))",
    },
  }),
  defineCase({
    name: "struct unpackFrom '<bhiqfd?'",
    group: "struct",
    unit: "records",
    targets: { pyodide: ITEM_WISE_PYODIDE },
    floorLabel: "DataView reads into an array",
    setup: records,
    ours({ n, s, bytes }) {
      let last;
      for (let i = 0; i < n; i++) last = s.unpackFrom(bytes, i * SIZE);
      return last;
    },
    floor({ n, view }) {
      let last;
      for (let i = 0; i < n; i++) last = unpackRecord(view, i * SIZE);
      return last;
    },
    peer: UNPACK_EACH_PEER,
    python: {
      setup: `${PY_SETUP}\n${PY_BUFFER}\nu = s.unpack_from`,
      stmt: `for i in range(n):\n    u(buf, i * ${SIZE})`,
    },
  }),
  defineCase({
    name: "struct iterUnpack '<bhiqfd?'",
    group: "struct",
    unit: "records",
    targets: { pyodide: ITEM_WISE_PYODIDE },
    floorLabel: "DataView reads into arrays",
    setup: records,
    ours({ s, bytes }) {
      let last;
      for (const record of s.iterUnpack(bytes)) last = record;
      return last;
    },
    floor({ n, view }) {
      let last;
      for (let i = 0; i < n; i++) last = unpackRecord(view, i * SIZE);
      return last;
    },
    // python-struct has no iterator: its unpackFrom over each record.
    peer: UNPACK_EACH_PEER,
    python: {
      setup: `${PY_SETUP}\n${PY_BUFFER}\nit = s.iter_unpack`,
      stmt: "for r in it(buf):\n    pass",
    },
  }),
  defineCase({
    name: "struct compile '=' + 's' * n",
    group: "struct",
    unit: "format characters",
    floorLabel: "one charCodeAt scan of the format",
    // python-struct compiles nothing ahead (and sizes a bare "s" as 0): no peer column.
    setup: (n) => ({ format: "=" + "s".repeat(n) }),
    ours: ({ format }) => new Struct(format).size,
    floor({ format }) {
      let size = 0;
      for (let i = 1; i < format.length; i++) size += charCodeAt.call(format, i) === 115 ? 1 : 0;
      return size;
    },
    python: {
      setup: "f = '=' + 's' * n",
      stmt: "Struct(f).size",
    },
  }),
];
