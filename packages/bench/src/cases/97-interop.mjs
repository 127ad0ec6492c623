/**
 * `@pybuffer/interop`: the bridges side by side with core on the equivalent
 * TypedArray, which is the floor here (the targets: `toExporter` plus
 * `memoryview` within 2x of `memoryview(typedArray)`, `toList` through the
 * bridge within 1.2x of `toList` over the same TypedArray, `fromExporter`
 * flat in size). CPython's column does the same over an `array.array`.
 */

import { memoryview } from "@pybuffer/core";
import { f64, shape2 } from "../lib/data.mjs";
import { defineCase, optionalImport, unavailableCase } from "../lib/registry.mjs";

const GROUP = "interop";

/** A scijs view and its Float64Array, 2-D `[n / 100, 100]` in C order. */
function scijsState(/** @type {any} */ ndarray, /** @type {number} */ n) {
  const data = f64(n);
  const [rows, cols] = shape2(n);
  return { data, rows, cols, view: ndarray(data, [rows, cols]) };
}

/** Same shape and values: what a memoryview over each side gives. */
function sameView(/** @type {any} */ a, /** @type {any} */ b) {
  return JSON.stringify([a.shape, a.toList()]) === JSON.stringify([b.shape, b.toList()]);
}

export default async () => {
  const bridge = await optionalImport("@pybuffer/interop/ndarray", ["toExporter", "fromExporter"]);
  const library = await optionalImport("ndarray", ["default"]);
  const arrowBridge = await optionalImport("@pybuffer/interop/apache-arrow", ["toExporter"]);
  const arrow = await optionalImport("apache-arrow", ["makeVector"]);
  const names = ["interop toExporter+memoryview scijs 2-D 'd'", "interop toList scijs 2-D 'd'", "interop fromExporter scijs 2-D 'd'"];
  /** @type {any[]} */
  const cases = [];
  if ("unavailable" in bridge || "unavailable" in library) {
    const reason = "unavailable" in bridge ? bridge.unavailable : /** @type {{ unavailable: string }} */ (library).unavailable;
    cases.push(...names.map((name) => unavailableCase(name, GROUP, reason)));
  } else {
    const { toExporter, fromExporter } = bridge.module;
    const ndarray = library.module["default"];
    cases.push(
      defineCase({
        name: names[0],
        group: GROUP,
        flat: true,
        targets: { floor: 2 },
        floorLabel: "core: memoryview(Float64Array).cast('B').cast('d', shape)",
        setup: (n) => scijsState(ndarray, n),
        ours: ({ view }) => memoryview(toExporter(view)),
        floor: ({ data, rows, cols }) => memoryview(data).cast("B").cast("d", [rows, cols]),
        check: sameView,
        python: {
          setup: "a = array('d', f64(n))\nrows, cols = shape2(n)",
          stmt: "memoryview(a).cast('B').cast('d', [rows, cols])",
        },
      }),
      defineCase({
        name: names[1],
        group: GROUP,
        targets: { floor: 1.2 },
        floorLabel: "core: toList of the TypedArray's memoryview",
        setup(n) {
          const state = scijsState(ndarray, n);
          return { ...state, bridged: memoryview(toExporter(state.view)), direct: memoryview(state.data).cast("B").cast("d", [state.rows, state.cols]) };
        },
        ours: ({ bridged }) => bridged.toList(),
        floor: ({ direct }) => direct.toList(),
        python: {
          setup: "rows, cols = shape2(n)\nm = memoryview(array('d', f64(n))).cast('B').cast('d', [rows, cols])",
          stmt: "m.tolist()",
        },
      }),
      defineCase({
        name: names[2],
        group: GROUP,
        flat: true,
        floorLabel: "ndarray(typedArray, shape) by hand",
        setup: (n) => scijsState(ndarray, n),
        ours: ({ view }) => fromExporter(view.data),
        floor: ({ data }) => ndarray(data, [data.length]),
        check: (/** @type {any} */ a, /** @type {any} */ b) => a.data.buffer === b.data.buffer && a.size === b.size,
        python: { setup: "a = array('d', f64(n))", stmt: "memoryview(a)" },
      }),
    );
  }
  const arrowName = "interop toList apache-arrow Float64";
  if ("unavailable" in arrowBridge || "unavailable" in arrow) {
    const reason = "unavailable" in arrowBridge ? arrowBridge.unavailable : /** @type {{ unavailable: string }} */ (arrow).unavailable;
    cases.push(unavailableCase(arrowName, GROUP, reason));
  } else {
    const { toExporter } = arrowBridge.module;
    const { makeVector } = arrow.module;
    cases.push(
      defineCase({
        name: arrowName,
        group: GROUP,
        targets: { floor: 1.2 },
        floorLabel: "core: toList of the Float64Array's memoryview",
        setup(n) {
          const data = f64(n);
          return { bridged: memoryview(toExporter(makeVector(data))), direct: memoryview(data) };
        },
        ours: ({ bridged }) => bridged.toList(),
        floor: ({ direct }) => direct.toList(),
        python: { setup: "m = memoryview(array('d', f64(n)))", stmt: "m.tolist()" },
      }),
    );
  }
  return cases;
};
