/**
 * CPython 3.14's `_testbuffer.ndarray`, in process: Pyodide (wasm32) running
 * ndarray_oracle.py (which imports struct_oracle.py). Load once per test file
 * (about 4 s); each batch of cases is one JSON round trip.
 */
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

export interface PythonNDArray {
  /** `sys.version` of the interpreter. */
  readonly version: string;
  /** CPython's answers to cases in the language of ndarray_oracle.py, in one crossing into Python. */
  runAll(cases: readonly unknown[]): unknown[];
}

const ORACLE_FILES = ["struct_oracle.py", "ndarray_oracle.py"] as const;

export async function loadPythonNDArray(): Promise<PythonNDArray> {
  const py = await loadPyodide();
  // The oracles are modules (ndarray_oracle imports struct_oracle): put them on sys.path.
  py.FS.mkdirTree("/oracle");
  for (const name of ORACLE_FILES) {
    py.FS.writeFile(`/oracle/${name}`, readFileSync(new URL(`./${name}`, import.meta.url), "utf8"));
  }
  py.runPython("import sys; sys.path.insert(0, '/oracle')");
  const oracle = py.pyimport("ndarray_oracle") as { run_json: (text: string) => string };
  const version = py.runPython("import sys; sys.version") as string;
  return {
    version,
    runAll: (cases) => JSON.parse(oracle.run_json(JSON.stringify(cases))) as unknown[],
  };
}
