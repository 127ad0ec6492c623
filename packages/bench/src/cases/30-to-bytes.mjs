/** `toBytes(order)`: the items as bytes, from contiguous and strided layouts ('d' items, 8 bytes each). */

import { memoryview, slice } from "@pybuffer/core";
import { f64, sameResult, shape2 } from "../lib/data.mjs";
import { freshCopy } from "../lib/fresh-bytes.mjs";
import { defineCase } from "../lib/registry.mjs";

export default [
  defineCase({
    name: "toBytes contiguous",
    group: "toBytes",
    targets: { floor: 1.1 },
    floorLabel: "a fresh exclusive copy: Uint8Array#slice, from 64 KiB Buffer.allocUnsafeSlow + set",
    setup(n) {
      const data = f64(n);
      return { bytes: new Uint8Array(data.buffer), m: memoryview(data) };
    },
    ours: ({ m }) => m.toBytes(),
    floor: ({ bytes }) => freshCopy(bytes),
    python: { setup: "m = memoryview(f64(n))", stmt: "m.tobytes()" },
  }),
  // The allocation a caller can skip: the same bytes into a buffer it holds.
  // The peer column is our own toBytes() (a new buffer each call); CPython
  // has no such method, so its columns run tobytes() as well.
  defineCase({
    name: "copyInto contiguous",
    group: "toBytes",
    floorLabel: "Uint8Array#set into the same target",
    setup(n) {
      const data = f64(n);
      return { bytes: new Uint8Array(data.buffer), m: memoryview(data), target: new Uint8Array(8 * n), floorTarget: new Uint8Array(8 * n) };
    },
    ours: ({ m, target }) => (m.copyInto(target), target),
    floor({ bytes, floorTarget }) {
      floorTarget.set(bytes);
      return floorTarget;
    },
    peer: {
      label: "our toBytes() (a new buffer)",
      run: ({ m }) => m.toBytes(),
      check: (ours, peer) => sameResult(ours, peer),
    },
    python: { setup: "m = memoryview(f64(n))", stmt: "m.tobytes()" },
  }),
  defineCase({
    name: "toBytes strided [::2]",
    group: "toBytes",
    floorLabel: "Float64Array gather loop",
    setup(n) {
      const data = f64(2 * n);
      return { n, data, m: memoryview(data).get(slice(null, null, 2)) };
    },
    ours: ({ m }) => /** @type {import("@pybuffer/core").MemoryView} */ (m).toBytes(),
    floor({ n, data }) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = /** @type {number} */ (data[2 * i]);
      return new Uint8Array(out.buffer);
    },
    python: { setup: "m = memoryview(f64(2 * n))[::2]", stmt: "m.tobytes()" },
  }),
  defineCase({
    name: "toBytes 2-D order 'F'",
    group: "toBytes",
    floorLabel: "Float64Array transpose loop",
    setup(n) {
      const data = f64(n);
      const [rows, cols] = shape2(n);
      return { rows, cols, data, m: memoryview(data).cast("B").cast("d", [rows, cols]) };
    },
    ours: ({ m }) => m.toBytes("F"),
    floor({ rows, cols, data }) {
      const out = new Float64Array(rows * cols);
      for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) out[c * rows + r] = /** @type {number} */ (data[r * cols + c]);
      return new Uint8Array(out.buffer);
    },
    python: { setup: "m = memoryview(f64(n)).cast('B').cast('d', shape2(n))", stmt: "m.tobytes('F')" },
  }),
  defineCase({
    name: "toBytes negative stride [::-1]",
    group: "toBytes",
    floorLabel: "Float64Array reverse loop",
    setup(n) {
      const data = f64(n);
      return { n, data, m: memoryview(data).get(slice(null, null, -1)) };
    },
    ours: ({ m }) => /** @type {import("@pybuffer/core").MemoryView} */ (m).toBytes(),
    floor({ n, data }) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = /** @type {number} */ (data[n - 1 - i]);
      return new Uint8Array(out.buffer);
    },
    python: { setup: "m = memoryview(f64(n))[::-1]", stmt: "m.tobytes()" },
  }),
];
