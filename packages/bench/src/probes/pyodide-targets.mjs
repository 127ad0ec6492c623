/**
 * The absolute targets for `@pybuffer/pyodide`, measured the way the
 * issue states them (the harness's columns cannot: its Pyodide column runs
 * Python code only): `toList()` of a 10^6-item `array('d')` including the
 * wrap, against Python's `memoryview.tolist()` plus `toJs()`; wrap +
 * `memoryview` + release; one Python export of a `toPython` object over
 * heap memory (of a fromPython exporter, and of a plain JavaScript one).
 * Medians, per-call ones with their interquartile range over 15 loops of
 * 1000 calls; prints one JSON line.
 *
 * Run (after `npm run build`): `node packages/bench/src/probes/pyodide-targets.mjs`
 */

import { loadPyodide } from "pyodide";
import { fillInfo, getBufferSymbol, growableBlock, memoryview } from "@pybuffer/core";
import { fromPython, toPython } from "@pybuffer/pyodide";

/**
 * Median and interquartile range of `runs` timings of `action`, in ms. The
 * event loop runs between timings, as the harness lets it between samples:
 * work Node defers to it (FinalizationRegistry callbacks, WeakRef
 * clearing) must not pile up into one timing.
 *
 * @param {() => unknown} action
 * @param {number} runs
 */
async function timings(action, runs) {
  /** @type {number[]} */
  const times = [];
  for (let i = 0; i < runs; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const start = performance.now();
    action();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => /** @type {number} */ (times[Math.floor(q * (times.length - 1))]);
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

/** @param {() => unknown} action @param {number} runs */
const medianMs = async (action, runs) => (await timings(action, runs)).median;

/**
 * Per-call µs of `call` in loops of 1000: "median (IQR q1 to q3)".
 *
 * @param {() => unknown} call
 */
async function perCallUs(call) {
  const { median, q1, q3 } = await timings(() => {
    for (let i = 0; i < 1000; i++) call();
  }, 15);
  return `${median.toFixed(2)} (IQR ${q1.toFixed(2)} to ${q3.toFixed(2)})`;
}

const pyodide = await loadPyodide();
const doubles = pyodide.runPython("import array; array.array('d', [i + 0.5 for i in range(1_000_000)])");
const pythonToList = pyodide.runPython("lambda a: memoryview(a).tolist()");
const take = pyodide.runPython("def take(x):\n    memoryview(x).release()\ntake");
const heapObject = toPython(pyodide, fromPython(pyodide, pyodide.runPython("bytearray(1000)")), { copy: "never" });

const ours = await medianMs(() => {
  const m = memoryview(fromPython(pyodide, doubles));
  const items = m.toList();
  m.release();
  return items;
}, 15);
const python = await medianMs(() => {
  const list = pythonToList(doubles);
  const items = list.toJs();
  list.destroy();
  return items;
}, 7);
/** Pyodide's Emscripten module (not in its declarations): the heap's memory and allocator. */
const heap = /** @type {any} */ (pyodide)._module;
const memory = heap.memory;
const address = heap._malloc(1000);
/** @type {object} */
const jsExporter = { [getBufferSymbol]: (/** @type {number} */ flags) => fillInfo(jsExporter, growableBlock(memory), address, 1000, false, flags) };
const jsHeapObject = toPython(pyodide, jsExporter, { copy: "never" });
const bytearray = pyodide.runPython("bytearray(1000)");

console.log(
  JSON.stringify({
    "toList 10^6 'd' incl. wrap (ms)": ours,
    "Python tolist() + toJs() (ms)": python,
    ratio: ours / python,
    "wrap + memoryview + release (µs)": await perCallUs(() => memoryview(fromPython(pyodide, doubles)).release()),
    "toPython heap memory of fromPython, one export (µs)": await perCallUs(() => take(heapObject)),
    "toPython heap memory of a JS exporter, one export (µs)": await perCallUs(() => take(jsHeapObject)),
    "floor: the same call on a bytearray (µs)": await perCallUs(() => take(bytearray)),
  }),
);
