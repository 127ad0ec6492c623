/**
 * `cast` and slicing: O(ndim), no copy, so the cost must be the same at 10^3
 * and 10^7 items (`flat`). The floor makes the nearest TypedArray view.
 */

import { memoryview, slice } from "@pybuffer/core";
import { f64, i32, shape2, u8 } from "../lib/data.mjs";
import { defineCase } from "../lib/registry.mjs";

const FLAT_SIZES = [1e3, 1e5, 1e7];

/** @typedef {import("@pybuffer/core").MemoryView} MemoryView */

export default [
  defineCase({
    name: "cast 'd' -> 'B'",
    group: "cast",
    sizes: FLAT_SIZES,
    flat: true,
    floorLabel: "new Uint8Array(buffer, offset, length)",
    setup(n) {
      const data = f64(n);
      return { data, m: memoryview(data) };
    },
    ours: ({ m }) => m.cast("B"),
    floor: ({ data }) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    check: (ours, floor) => /** @type {MemoryView} */ (ours).nbytes === /** @type {Uint8Array} */ (floor).length,
    python: { setup: "m = memoryview(f64(n))", stmt: "m.cast('B')" },
  }),
  defineCase({
    name: "cast 'B' -> 'i' 2-D",
    group: "cast",
    sizes: FLAT_SIZES,
    flat: true,
    floorLabel: "new Int32Array(buffer, offset, length)",
    setup(n) {
      const data = u8(4 * n);
      return { n, data, shape: shape2(n), m: memoryview(data) };
    },
    ours: ({ m, shape }) => m.cast("i", shape),
    floor: ({ data, n }) => new Int32Array(data.buffer, data.byteOffset, n),
    check: (ours, floor) => /** @type {MemoryView} */ (ours).nbytes === /** @type {Int32Array} */ (floor).byteLength,
    python: { setup: "m = memoryview(u8(4 * n))\nshape = shape2(n)", stmt: "m.cast('i', shape)" },
  }),
  defineCase({
    name: "slice 1-D [1:-1:2]",
    group: "slicing",
    sizes: FLAT_SIZES,
    flat: true,
    floorLabel: "Float64Array#subarray",
    setup(n) {
      const data = f64(n);
      return { n, data, m: memoryview(data), key: slice(1, -1, 2) };
    },
    ours: ({ m, key }) => m.get(key),
    floor: ({ data, n }) => data.subarray(1, n - 1),
    check: (ours, floor) => /** @type {MemoryView} */ (ours).length === Math.ceil(/** @type {Float64Array} */ (floor).length / 2),
    python: { setup: "m = memoryview(f64(n))", stmt: "m[1:-1:2]" },
  }),
  defineCase({
    name: "slice 2-D rows [1:-1]",
    group: "slicing",
    sizes: FLAT_SIZES,
    flat: true,
    floorLabel: "Int32Array#subarray",
    setup(n) {
      const data = i32(n);
      const [rows, cols] = shape2(n);
      return { cols, data, m: memoryview(data).cast("B").cast("i", [rows, cols]), key: slice(1, -1) };
    },
    ours: ({ m, key }) => m.get(key),
    floor: ({ data, cols }) => data.subarray(cols, data.length - cols),
    check: (ours, floor) => /** @type {MemoryView} */ (ours).nbytes === /** @type {Int32Array} */ (floor).byteLength,
    python: { setup: "m = memoryview(i32(n)).cast('B').cast('i', shape2(n))", stmt: "m[1:-1]" },
  }),
];
