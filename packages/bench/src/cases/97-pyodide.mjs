/**
 * `@pybuffer/pyodide`: Python objects in Pyodide as exporters and exporters
 * as Python objects. Ours needs an interpreter, which the case's first setup
 * loads (this file runs last among the JavaScript columns, so no other case
 * is timed with Pyodide's heap in the process). The floors are Pyodide's own
 * nearest operations (`PyProxy.getBuffer`) or the `TypedArray#set` copy; the
 * Python columns do the same work inside Python. The targets are
 * absolute (wrap + memoryview + release at most 20 µs, toPython of heap
 * memory at most 10 µs per export): read them off the "ours" column. The
 * heap rows are two: a fromPython exporter (Python asks the object itself)
 * and any other exporter over the heap (each export goes through JavaScript).
 */

import { fillInfo, getBufferSymbol, growableBlock, memoryview } from "@pybuffer/core";
import { f64 } from "../lib/data.mjs";
import { defineCase, optionalImport, unavailableCase } from "../lib/registry.mjs";

const GROUP = "pyodide";
const NAMES = [
  "pyodide wrap + memoryview + release",
  "pyodide toList array('d') incl. wrap",
  "pyodide toPython heap memory, one export",
  "pyodide toPython heap memory of a JS exporter, one export",
  "pyodide toPython copy in and out 'd'",
];

/** @type {Promise<any> | undefined} */
let interpreter;
/** The interpreter for ours, loaded once, on the first setup that needs it. */
function loadInterpreter() {
  return (interpreter ??= import("pyodide").then(({ loadPyodide }) => loadPyodide()));
}

/** @param {number} n the interpreter and a Python array('d') of i + 0.5 (as a proxy) */
async function pythonDoubles(n) {
  const pyodide = await loadInterpreter();
  return { pyodide, proxy: pyodide.runPython(`import array; array.array('d', [i + 0.5 for i in range(${n})])`) };
}

/** @param {any} pyodide the interpreter's `take(x)`: one Python export of x, released at once */
function pythonTake(pyodide) {
  return pyodide.runPython("def take(x):\n    memoryview(x).release()\ntake");
}

/**
 * One Python export of `toPython(exporter)`, the exporter over heap memory
 * made by `makeExporter(pyodide, bytearray(n), n)`, against the same call on
 * the bytearray.
 *
 * @param {string} name
 * @param {(pyodide: any, bytes: any, n: number) => unknown} makeExporter
 * @param {(pyodide: any, exporter: unknown, options: object) => unknown} toPython
 */
function heapExportCaseOf(name, makeExporter, toPython) {
  return defineCase({
    name,
    group: GROUP,
    flat: true,
    sizes: [1e3, 1e6],
    floorLabel: "the same Python call on a bytearray",
    async setup(n) {
      const pyodide = await loadInterpreter();
      const bytes = pyodide.runPython(`bytearray(${n})`);
      return { take: pythonTake(pyodide), bytes, wrapped: toPython(pyodide, makeExporter(pyodide, bytes, n), { copy: "never" }) };
    },
    ours: ({ take, wrapped }) => take(wrapped),
    floor: ({ take, bytes }) => take(bytes),
    check: () => true,
    python: { setup: "b = bytearray(n)", stmt: "memoryview(b).release()" },
  });
}

export default async () => {
  const imported = await optionalImport("@pybuffer/pyodide", ["fromPython", "toPython"]);
  if ("unavailable" in imported) return NAMES.map((name) => unavailableCase(name, GROUP, imported.unavailable));
  const { fromPython, toPython } = imported.module;
  /** @param {string} name @param {(pyodide: any, bytes: any, n: number) => unknown} makeExporter */
  const heapExportCase = (name, makeExporter) => heapExportCaseOf(name, makeExporter, toPython);
  /**
   * `read` of a memoryview over fromPython(proxy), released after.
   *
   * @param {any} pyodide @param {any} proxy @param {(m: import("@pybuffer/core").MemoryView) => unknown} read
   */
  const throughExporter = (pyodide, proxy, read) => {
    const m = memoryview(fromPython(pyodide, proxy));
    const result = read(m);
    m.release();
    return result;
  };
  /**
   * `read` of Pyodide's own PyProxy.getBuffer(), released after.
   *
   * @param {any} proxy @param {(view: any) => unknown} read
   */
  const throughGetBuffer = (proxy, read) => {
    const view = proxy.getBuffer();
    const result = read(view);
    view.release();
    return result;
  };
  return [
    defineCase({
      name: NAMES[0],
      group: GROUP,
      flat: true,
      sizes: [1e3, 1e6],
      floorLabel: "PyProxy.getBuffer() + release()",
      setup: pythonDoubles,
      ours: ({ pyodide, proxy }) => throughExporter(pyodide, proxy, (m) => m.length),
      floor: ({ proxy }) => throughGetBuffer(proxy, (view) => view.shape[0]),
      python: { setup: "import array\na = array.array('d', f64(n))", stmt: "m = memoryview(a); len(m); m.release()" },
    }),
    defineCase({
      name: NAMES[1],
      group: GROUP,
      sizes: [1e3, 1e5, 1e6],
      floorLabel: "PyProxy.getBuffer(), Array.from(data), release()",
      setup: pythonDoubles,
      ours: ({ pyodide, proxy }) => throughExporter(pyodide, proxy, (m) => m.toList()),
      floor: ({ proxy }) => throughGetBuffer(proxy, (view) => Array.from(view.data)),
      python: { setup: "import array\na = array.array('d', f64(n))", stmt: "memoryview(a).tolist()" },
    }),
    heapExportCase(NAMES[2], (pyodide, bytes) => fromPython(pyodide, bytes)),
    // Heap memory from an exporter that is no fromPython one (which Python
    // reads directly, see the row above): each export goes through JavaScript.
    heapExportCase(NAMES[3], (pyodide, _bytes, n) => {
      const memory = pyodide._module.memory;
      const address = pyodide._module._malloc(n);
      /** @type {object} */
      const exporter = { [getBufferSymbol]: (/** @type {number} */ flags) => fillInfo(exporter, growableBlock(memory), address, n, false, flags) };
      return exporter;
    }),
    defineCase({
      name: NAMES[4],
      group: GROUP,
      sizes: [1e3, 1e5, 1e6],
      floorLabel: "TypedArray#set into a heap block and back",
      async setup(n) {
        const pyodide = await loadInterpreter();
        const data = f64(n);
        const take = pythonTake(pyodide);
        const heap = pyodide._module;
        const block = heap._malloc(8 * n);
        return { take, data, heap, block, wrapped: toPython(pyodide, data, { copy: "if-needed" }) };
      },
      ours: ({ take, wrapped }) => take(wrapped),
      floor({ data, heap, block }) {
        const inHeap = new Float64Array(heap.HEAPU8.buffer, block, data.length);
        inHeap.set(data);
        data.set(inHeap);
      },
      check: () => true,
      python: null,
    }),
  ];
};
