/** `toList()`: every item into a (nested) JS array. */

import { memoryview } from "@pybuffer/core";
import { f64, i32, shape2 } from "../lib/data.mjs";
import { ITEM_WISE_PYODIDE, defineCase } from "../lib/registry.mjs";

export default [
  defineCase({
    name: "toList 1-D 'd'",
    group: "toList",
    targets: { floor: 3, pyodide: ITEM_WISE_PYODIDE },
    floorLabel: "Float64Array into new Array(n)",
    setup(n) {
      const data = f64(n);
      return { n, data, m: memoryview(data) };
    },
    ours: ({ m }) => m.toList(),
    floor({ n, data }) {
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = data[i];
      return out;
    },
    python: { setup: "m = memoryview(f64(n))", stmt: "m.tolist()" },
  }),
  defineCase({
    name: "toList 2-D 'i'",
    group: "toList",
    targets: { floor: 3, pyodide: ITEM_WISE_PYODIDE },
    floorLabel: "Int32Array into nested arrays",
    setup(n) {
      const data = i32(n);
      const [rows, cols] = shape2(n);
      return { rows, cols, data, m: memoryview(data).cast("B").cast("i", [rows, cols]) };
    },
    ours: ({ m }) => m.toList(),
    floor({ rows, cols, data }) {
      const out = new Array(rows);
      for (let r = 0; r < rows; r++) {
        const row = new Array(cols);
        for (let c = 0; c < cols; c++) row[c] = data[r * cols + c];
        out[r] = row;
      }
      return out;
    },
    python: {
      setup: "m = memoryview(i32(n)).cast('B').cast('i', shape2(n))",
      stmt: "m.tolist()",
    },
  }),
];
