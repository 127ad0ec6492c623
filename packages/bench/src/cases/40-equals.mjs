/** `equals`: item-by-item comparison of two views of equal contents (the full walk: they are equal). */

import { memoryview } from "@pybuffer/core";
import { f64, i32 } from "../lib/data.mjs";
import { ITEM_WISE_PYODIDE, defineCase } from "../lib/registry.mjs";

export default [
  defineCase({
    name: "equals same format 'd'",
    group: "equals",
    floorLabel: "Float64Array compare loop",
    setup(n) {
      const a = f64(n);
      const b = f64(n);
      return { n, a, b, ma: memoryview(a), mb: memoryview(b) };
    },
    ours: ({ ma, mb }) => ma.equals(mb),
    floor({ n, a, b }) {
      for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
      return true;
    },
    python: { setup: "a = memoryview(f64(n))\nb = memoryview(f64(n))", stmt: "a == b" },
  }),
  defineCase({
    name: "equals mixed 'i' vs 'd'",
    targets: { pyodide: ITEM_WISE_PYODIDE },
    group: "equals",
    floorLabel: "Int32Array vs Float64Array compare loop",
    setup(n) {
      const a = i32(n);
      const b = Float64Array.from(a);
      return { n, a, b, ma: memoryview(a), mb: memoryview(b) };
    },
    ours: ({ ma, mb }) => ma.equals(mb),
    floor({ n, a, b }) {
      for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
      return true;
    },
    python: { setup: "a = memoryview(i32(n))\nb = memoryview(array('d', range(n)))", stmt: "a == b" },
  }),
];
