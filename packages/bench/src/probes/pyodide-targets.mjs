/**
 * The absolute targets for `@pybuffer/pyodide`, measured the way the
 * issue states them (the harness's columns cannot: its Pyodide column runs
 * Python code only): `toList()` of a 10^6-item `array('d')` including the
 * wrap, against Python's `memoryview.tolist()` plus `toJs()`; wrap +
 * `memoryview` + release; one Python export of a `toPython` object over
 * heap memory. Medians; prints one JSON line.
 *
 * Run (after `npm run build`): `node packages/bench/src/probes/pyodide-targets.mjs`
 */

import { loadPyodide } from "pyodide";
import { memoryview } from "@pybuffer/core";
import { fromPython, toPython } from "@pybuffer/pyodide";

/**
 * @param {() => unknown} action
 * @param {number} runs
 */
function medianMs(action, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    action();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return /** @type {number} */ (times[times.length >> 1]);
}

const pyodide = await loadPyodide();
const doubles = pyodide.runPython("import array; array.array('d', [i + 0.5 for i in range(1_000_000)])");
const pythonToList = pyodide.runPython("lambda a: memoryview(a).tolist()");
const take = pyodide.runPython("def take(x):\n    memoryview(x).release()\ntake");
const heapObject = toPython(pyodide, fromPython(pyodide, pyodide.runPython("bytearray(1000)")), { copy: "never" });

const ours = medianMs(() => {
  const m = memoryview(fromPython(pyodide, doubles));
  const items = m.toList();
  m.release();
  return items;
}, 15);
const python = medianMs(() => {
  const list = pythonToList(doubles);
  const items = list.toJs();
  list.destroy();
  return items;
}, 7);
const wrapUs = (medianMs(() => {
  for (let i = 0; i < 1000; i++) memoryview(fromPython(pyodide, doubles)).release();
}, 9) * 1000) / 1000;
const exportUs = (medianMs(() => {
  for (let i = 0; i < 1000; i++) take(heapObject);
}, 9) * 1000) / 1000;

console.log(
  JSON.stringify({
    "toList 10^6 'd' incl. wrap (ms)": ours,
    "Python tolist() + toJs() (ms)": python,
    ratio: ours / python,
    "wrap + memoryview + release (µs)": wrapUs,
    "toPython heap memory, one export (µs)": exportUs,
  }),
);
