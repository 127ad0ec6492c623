/**
 * Where `toList()` of 10^6 NumPy records loses to NumPy's `tolist()`: the
 * `S4` field. Each record of the bench row's dtype (`<i4`, `<f8`, `S4`)
 * gives one object and one `Uint8Array`; V8 pretenures the objects (their
 * literal's allocation site) but every typed array is born in the young
 * generation, about 100 bytes, and the scavenger copies each one out
 * because the result keeps it. The same records with the `S4` field read as
 * an `<i4` make no typed array.
 *
 * Prints the median time of `loadNpy(file).toList()`'s `toList()` for both
 * dtypes, and NumPy's `tolist()` of the same arrays when a `python3` with
 * NumPy is on the PATH (or `PYBUFFER_BENCH_PYTHON`).
 *
 * Run: `npm run build && node packages/bench/src/probes/record-bytes-field.mjs [n]` (n defaults to 1e6).
 */

import { spawnSync } from "node:child_process";
import { recordFile } from "../cases/97-numpy.mjs";
import { optionalImport } from "../lib/registry.mjs";

const n = Number(process.argv[2] ?? 1e6);
const DTYPES = { "S4 field": "[('a', '<i4'), ('b', '<f8'), ('c', '|S4')]", "<i4 field": "[('a', '<i4'), ('b', '<f8'), ('c', '<i4')]" };
const imported = await optionalImport("@pybuffer/numpy", ["loadNpy"]);
if (!("module" in imported)) throw new Error(imported.unavailable);
/** @type {(bytes: Uint8Array) => { toList(): unknown }} */
const loadNpy = imported.module["loadNpy"];
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

/** @param {string} descr */
function numpyMs(descr) {
  const code =
    "import time, numpy as np\n" +
    `n = ${n}\na = np.zeros(n, dtype=${descr})\na['a'] = np.arange(n)\na['b'] = np.arange(n) + 0.5\n` +
    "if a.dtype['c'].kind == 'S': a['c'] = [bytes([97 + i % 26]) for i in range(n)]\n" +
    "samples = []\nfor _ in range(9):\n    start = time.perf_counter(); a.tolist(); samples.append(time.perf_counter() - start)\n" +
    "samples.sort(); print(samples[4] * 1e3)";
  const python = spawnSync(process.env["PYBUFFER_BENCH_PYTHON"] || "python3", ["-c", code], { encoding: "utf8" });
  return python.status === 0 ? `${Number(python.stdout.trim()).toFixed(1)} ms` : "absent";
}

console.log(`| ${n} records | toList() | NumPy tolist() |`);
console.log("| --- | ---: | ---: |");
for (const [label, descr] of Object.entries(DTYPES)) {
  const array = loadNpy(recordFile(n, descr));
  const samples = [];
  for (let sample = 0; sample < 9; sample++) {
    const start = performance.now();
    array.toList();
    samples.push(performance.now() - start);
    await nextTask();
  }
  samples.sort((a, b) => a - b);
  console.log(`| ${label} | ${(samples[4] ?? NaN).toFixed(1)} ms | ${numpyMs(descr)} |`);
}
