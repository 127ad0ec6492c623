/**
 * `@pybuffer/numpy`: `loadNpy` of a float64 file (up to 100 MB) against a
 * hand-written header parse and zero-copy view, with the npm package npyjs
 * as its JavaScript peer; `saveNpy` of a strided view against a
 * hand-written header and gather loop; `toList()` of structured records
 * against a hand-written DataView loop. The CPython column runs NumPy
 * itself (`requires: "numpy"`: a CPython that imports NumPy, unavailable
 * where none does): `np.load` of the same bytes from a `BytesIO`, `np.save`
 * of the same strided view to one, and `tolist()` of the same records.
 */

import { memoryview, slice } from "@pybuffer/core";
import { f64 } from "../lib/data.mjs";
import { defineCase, optionalImport, unavailableCase } from "../lib/registry.mjs";

const GROUP = "numpy";
const NAMES = ["numpy loadNpy float64", "numpy saveNpy strided [::2]", "numpy toList records"];
/** The record dtype of the toList case: 16 bytes, np.dtype([("a", "<i4"), ("b", "<f8"), ("c", "S4")]). */
const RECORD_DESCR = "[('a', '<i4'), ('b', '<f8'), ('c', '|S4')]";
const HEADER_ALIGN = 64;
/** The JavaScript peer of loadNpy: the npm package people use to read `.npy` files today. */
const PEER = "npyjs 1.2.0";
const LATIN1 = new TextDecoder("latin1");

/**
 * npyjs's parse, imported by the first setup that needs it: npyjs declares
 * `class extends String`, which in V8 11.3 makes every `text.charCodeAt(i)`
 * in the process 3-5x dearer (`src/probes/string-prototype.mjs`), so the
 * rows before these run in a process without it, as a program that does
 * not load npyjs does.
 *
 * @type {((buffer: ArrayBuffer) => unknown) | undefined}
 */
let npyjsParse;

/**
 * A `.npy` header as NumPy writes it (format 1.0), for the floors.
 *
 * @param {string} descr
 * @param {number} n
 */
function npyHeader(descr, n) {
  let text = `{'descr': ${descr.startsWith("[") ? descr : `'${descr}'`}, 'fortran_order': False, 'shape': (${n},), }`;
  text += " ".repeat(21 - String(n).length);
  const total = Math.ceil((10 + text.length + 1) / HEADER_ALIGN) * HEADER_ALIGN;
  const header = new Uint8Array(total).fill(0x20);
  header.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(header.buffer).setUint16(8, total - 10, true);
  header.set(new TextEncoder().encode(text), 10);
  header[total - 1] = 0x0a;
  return header;
}

/**
 * The floor's load: the version 1.0 / 2.0 header read by hand (magic, header
 * length, the shape out of the dict text, as NumPy's format.py
 * `_read_array_header` reads it), the items as a zero-copy Float64Array.
 * It trusts the dtype: the floor knows its file is `<f8` in C order.
 *
 * @param {Uint8Array} file
 */
function loadFloat64(file) {
  if (file[0] !== 0x93 || file[1] !== 0x4e) throw new Error("not a .npy file");
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const major = /** @type {number} */ (file[6]);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = (major === 1 ? 10 : 12) + headerLength;
  const text = LATIN1.decode(file.subarray(dataOffset - headerLength, dataOffset));
  const extents = /'shape': \(([^)]*)\)/.exec(text)?.[1] ?? "";
  const shape = extents.split(",").filter((part) => part.trim() !== "").map(Number);
  const count = shape.reduce((product, extent) => product * extent, 1);
  return { shape, data: new Float64Array(file.buffer, file.byteOffset + dataOffset, count) };
}

/**
 * loadNpy's float64 result against a shape and Float64Array (the floor's,
 * npyjs's): the same extents and the same items, bit for bit.
 *
 * @param {unknown} ours
 * @param {unknown} other
 */
function sameFloat64Array(ours, other) {
  const a = /** @type {{ data: Uint8Array, shape: readonly number[] }} */ (ours);
  const b = /** @type {{ data: Float64Array, shape: readonly number[] }} */ (other);
  const mine = new Float64Array(a.data.buffer, a.data.byteOffset, a.data.byteLength / 8);
  return a.shape.length === b.shape.length && a.shape.every((extent, i) => extent === b.shape[i]) && mine.length === b.data.length && mine.every((x, i) => Object.is(x, b.data[i]));
}

/**
 * The toList row's file: record i holds (i, i + 0.5, one letter), in the
 * row's dtype or another of the same 16-byte layout (the probes compare).
 *
 * @param {number} n
 * @param {string} [descr]
 */
export function recordFile(n, descr = RECORD_DESCR) {
  const header = npyHeader(descr, n);
  const file = new Uint8Array(header.length + 16 * n);
  file.set(header);
  const view = new DataView(file.buffer, header.length);
  for (let i = 0; i < n; i++) {
    view.setInt32(16 * i, i, true);
    view.setFloat64(16 * i + 4, i + 0.5, true);
    view.setUint8(16 * i + 12, 97 + (i % 26));
  }
  return file;
}

export default async () => {
  const imported = await optionalImport("@pybuffer/numpy", ["loadNpy", "saveNpy"]);
  if ("unavailable" in imported) return NAMES.map((name) => unavailableCase(name, GROUP, imported.unavailable));
  /** @type {(bytes: Uint8Array) => { shape: readonly number[], data: Uint8Array, toList(): unknown }} */
  const loadNpy = imported.module["loadNpy"];
  /** @type {(exporter: unknown) => Uint8Array} */
  const saveNpy = imported.module["saveNpy"];
  return [
    defineCase({
      name: NAMES[0],
      group: GROUP,
      sizes: [1e3, 1e5, 1.25e7],
      floorLabel: "read the header by hand, view the items as a Float64Array",
      async setup(n) {
        npyjsParse ??= /** @type {(buffer: ArrayBuffer) => unknown} */ ((await import("npyjs")).parse);
        return { n, file: saveNpy(f64(n)) };
      },
      ours: ({ file }) => loadNpy(file),
      floor: ({ file }) => loadFloat64(file),
      check: sameFloat64Array,
      peer: {
        label: PEER,
        // npyjs parses an ArrayBuffer holding exactly the file.
        run: ({ file }) => /** @type {(buffer: ArrayBuffer) => unknown} */ (npyjsParse)(/** @type {ArrayBuffer} */ (file.buffer)),
        check: sameFloat64Array,
      },
      python: {
        requires: "numpy",
        setup: "import io\nimport numpy as np\nout = io.BytesIO()\nnp.save(out, np.frombuffer(f64(n), dtype='<f8'))\nfile = out.getvalue()",
        stmt: "np.load(io.BytesIO(file))",
      },
    }),
    defineCase({
      name: NAMES[1],
      group: GROUP,
      sizes: [1e3, 1e5, 1e6],
      floorLabel: "write the header, gather into a Float64Array",
      setup(n) {
        const data = f64(2 * n);
        return { n, data, m: memoryview(data).get(slice(null, null, 2)) };
      },
      ours: ({ m }) => saveNpy(m),
      floor({ n, data }) {
        const header = npyHeader("<f8", n);
        const file = new Uint8Array(header.length + 8 * n);
        file.set(header);
        const out = new Float64Array(file.buffer, header.length, n);
        for (let i = 0; i < n; i++) out[i] = /** @type {number} */ (data[2 * i]);
        return file;
      },
      python: {
        requires: "numpy",
        setup: "import io\nimport numpy as np\nview = np.frombuffer(f64(2 * n), dtype='<f8')[::2]",
        stmt: "out = io.BytesIO()\nnp.save(out, view)\nout.getvalue()",
      },
    }),
    defineCase({
      name: NAMES[2],
      group: GROUP,
      sizes: [1e3, 1e5],
      unit: "records",
      floorLabel: "a DataView loop building the same objects",
      setup(n) {
        const file = recordFile(n);
        return { n, file, array: loadNpy(file) };
      },
      ours: ({ array }) => array.toList(),
      floor({ n, array }) {
        const view = new DataView(array.data.buffer, array.data.byteOffset, array.data.byteLength);
        const out = new Array(n);
        for (let i = 0; i < n; i++) {
          const at = 16 * i;
          let end = 4;
          while (end > 0 && view.getUint8(at + 11 + end) === 0) end--;
          out[i] = { a: view.getInt32(at, true), b: view.getFloat64(at + 4, true), c: new Uint8Array(array.data.buffer.slice(array.data.byteOffset + at + 12, array.data.byteOffset + at + 12 + end)) };
        }
        return out;
      },
      check(ours, floor) {
        return JSON.stringify(ours, (_k, v) => (v instanceof Uint8Array ? [...v] : v)) === JSON.stringify(floor, (_k, v) => (v instanceof Uint8Array ? [...v] : v));
      },
      // The same 16-byte records (NumPy packs them without padding, as the file's descr says).
      python: {
        requires: "numpy",
        setup:
          "import numpy as np\na = np.zeros(n, dtype=[('a', '<i4'), ('b', '<f8'), ('c', 'S4')])\n" +
          "a['a'] = np.arange(n)\na['b'] = np.arange(n) + 0.5\na['c'] = [bytes([97 + i % 26]) for i in range(n)]",
        stmt: "a.tolist()",
      },
    }),
  ];
};
