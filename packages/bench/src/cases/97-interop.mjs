/**
 * `@pybuffer/interop`: each bridge side by side with core on the equivalent
 * TypedArray, which is the floor here (the targets: `toExporter`
 * plus `memoryview` within 2x of `memoryview(typedArray)` cast to the same
 * shape, `toList` through the bridge within 1.2x of `toList` over the same
 * TypedArray, `fromExporter` flat in size), for scijs, @stdlib/ndarray and
 * apache-arrow. CPython's column does the same over an `array.array`.
 */

import { memoryview } from "@pybuffer/core";
import { f64, shape2 } from "../lib/data.mjs";
import { defineCase, optionalImport, unavailableCase } from "../lib/registry.mjs";

const GROUP = "interop";

/**
 * One library's arrays of doubles: `make(data, shape)` builds its array
 * over the data, `wrap(data)` is the hand-written 1-D array the
 * `fromExporter` floor builds, `sameMemory` tells its result shares the data.
 *
 * @typedef {object} Library
 * @property {string} label  what the rows call it: "scijs 2-D 'd'"
 * @property {boolean} twoD  a 2-D `[n / 100, 100]` array (else 1-D)
 * @property {(data: Float64Array, shape: number[]) => unknown} make
 * @property {(data: Float64Array) => unknown} wrap
 * @property {(ours: any, floor: any) => boolean} sameMemory
 */

/** Same shape and values: what a memoryview over each side gives. */
function sameView(/** @type {any} */ a, /** @type {any} */ b) {
  return JSON.stringify([a.shape, a.toList()]) === JSON.stringify([b.shape, b.toList()]);
}

/**
 * The three rows of one bridge: toExporter plus memoryview, toList through
 * it, fromExporter of a Float64Array.
 *
 * @param {Library} library
 * @param {{ toExporter: (value: any) => unknown, fromExporter: (exporter: unknown) => unknown }} bridge
 */
function bridgeCases(library, { toExporter, fromExporter }) {
  const state = (/** @type {number} */ n) => {
    const data = f64(n);
    const shape = library.twoD ? shape2(n) : [n];
    return { data, shape, value: library.make(data, shape) };
  };
  const pythonShape = library.twoD ? "shape = list(shape2(n))" : "shape = [n]";
  return [
    defineCase({
      name: `interop toExporter+memoryview ${library.label}`,
      group: GROUP,
      flat: true,
      targets: { floor: 2 },
      floorLabel: "core: memoryview(Float64Array).cast('B').cast('d', shape)",
      setup: state,
      ours: ({ value }) => memoryview(toExporter(value)),
      floor: ({ data, shape }) => memoryview(data).cast("B").cast("d", shape),
      check: sameView,
      python: { setup: `a = array('d', f64(n))\n${pythonShape}`, stmt: "memoryview(a).cast('B').cast('d', shape)" },
    }),
    defineCase({
      name: `interop toList ${library.label}`,
      group: GROUP,
      targets: { floor: 1.2 },
      floorLabel: "core: toList of the TypedArray's memoryview",
      setup(n) {
        const { data, shape, value } = state(n);
        return { bridged: memoryview(toExporter(value)), direct: memoryview(data).cast("B").cast("d", shape) };
      },
      ours: ({ bridged }) => bridged.toList(),
      floor: ({ direct }) => direct.toList(),
      python: { setup: `${pythonShape}\nm = memoryview(array('d', f64(n))).cast('B').cast('d', shape)`, stmt: "m.tolist()" },
    }),
    defineCase({
      name: `interop fromExporter ${library.label}`,
      group: GROUP,
      flat: true,
      floorLabel: `the library's own 1-D array over the Float64Array, by hand`,
      setup: (n) => ({ data: f64(n) }),
      ours: ({ data }) => fromExporter(data),
      floor: ({ data }) => library.wrap(data),
      check: library.sameMemory,
      python: { setup: "a = array('d', f64(n))", stmt: "memoryview(a)" },
    }),
  ];
}

/**
 * The rows of one bridge, or its rows marked unavailable when the bridge or
 * the library is missing.
 *
 * @param {string} subpath  the bridge's subpath of @pybuffer/interop
 * @param {string} specifier  the library's module
 * @param {string} label
 * @param {(module: any) => Library} describe
 */
async function libraryCases(subpath, specifier, label, describe) {
  const bridge = await optionalImport(`@pybuffer/interop/${subpath}`, ["toExporter", "fromExporter"]);
  const library = await optionalImport(specifier, []);
  if ("unavailable" in bridge || "unavailable" in library) {
    const reason = "unavailable" in bridge ? bridge.unavailable : /** @type {{ unavailable: string }} */ (library).unavailable;
    return ["toExporter+memoryview", "toList", "fromExporter"].map((what) => unavailableCase(`interop ${what} ${label}`, GROUP, reason));
  }
  return bridgeCases(describe(library.module), /** @type {any} */ (bridge.module));
}

export default async () => [
  ...(await libraryCases("ndarray", "ndarray", "scijs 2-D 'd'", (module) => {
    const ndarray = module["default"];
    return {
      label: "scijs 2-D 'd'",
      twoD: true,
      make: (data, shape) => ndarray(data, shape),
      wrap: (data) => ndarray(data, [data.length]),
      sameMemory: (a, b) => a.data.buffer === b.data.buffer && a.size === b.size,
    };
  })),
  ...(await libraryCases("stdlib-ndarray", "@stdlib/ndarray/ctor/lib/index.js", "stdlib 2-D 'd'", (module) => {
    const ndarray = module["default"];
    return {
      label: "stdlib 2-D 'd'",
      twoD: true,
      make: (data, shape) => new ndarray("float64", data, shape, [shape[1], 1], 0, "row-major"),
      wrap: (data) => new ndarray("float64", data, [data.length], [1], 0, "row-major"),
      sameMemory: (a, b) => a.data.buffer === b.data.buffer && a.length === b.length,
    };
  })),
  ...(await libraryCases("apache-arrow", "apache-arrow", "apache-arrow Float64", (module) => {
    const { makeVector } = module;
    return {
      label: "apache-arrow Float64",
      twoD: false,
      make: (data) => makeVector(data),
      wrap: (data) => makeVector(data),
      sameMemory: (a, b) => a.data[0].values.buffer === b.data[0].values.buffer && a.length === b.length,
    };
  })),
];
