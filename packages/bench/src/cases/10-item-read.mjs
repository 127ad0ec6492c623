/** Item read loops: `m.get(i)` / `m.get([i, j])` over every item, summed. */

import { memoryview } from "@pybuffer/core";
import { f64, i32, shape2 } from "../lib/data.mjs";
import { ITEM_WISE_PYODIDE, defineCase } from "../lib/registry.mjs";

export default [
  defineCase({
    name: "item read 1-D 'd'",
    group: "item read",
    targets: { floor: 3, pyodide: ITEM_WISE_PYODIDE },
    floorLabel: "Float64Array index loop",
    setup(n) {
      const data = f64(n);
      return { n, data, m: memoryview(data) };
    },
    ours({ n, m }) {
      let s = 0;
      for (let i = 0; i < n; i++) s += /** @type {number} */ (m.get(i));
      return s;
    },
    floor({ n, data }) {
      let s = 0;
      for (let i = 0; i < n; i++) s += /** @type {number} */ (data[i]);
      return s;
    },
    python: {
      setup: "m = memoryview(f64(n))",
      stmt: "s = 0.0\nfor i in range(n):\n    s += m[i]",
    },
  }),
  defineCase({
    name: "item read 2-D 'i'",
    group: "item read",
    targets: { floor: 3, pyodide: ITEM_WISE_PYODIDE },
    floorLabel: "Int32Array row-major loop",
    setup(n) {
      const data = i32(n);
      const [rows, cols] = shape2(n);
      return { rows, cols, data, m: memoryview(data).cast("B").cast("i", [rows, cols]) };
    },
    ours({ rows, cols, m }) {
      let s = 0;
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) s += /** @type {number} */ (m.get([r, c]));
      return s;
    },
    floor({ rows, cols, data }) {
      let s = 0;
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) s += /** @type {number} */ (data[r * cols + c]);
      return s;
    },
    python: {
      setup: "rows, cols = shape2(n)\nm = memoryview(i32(n)).cast('B').cast('i', [rows, cols])",
      stmt: "s = 0\nfor r in range(rows):\n    for c in range(cols):\n        s += m[r, c]",
    },
  }),
];
