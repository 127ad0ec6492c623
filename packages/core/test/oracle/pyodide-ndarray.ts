/**
 * CPython 3.14's `_testbuffer.ndarray`, in process: Pyodide (wasm32) running
 * ndarray_oracle.py (which imports struct_oracle.py). Load once per test file
 * (about 4 s); each batch of cases is one JSON round trip.
 */
import { loadOracle } from "./pyodide-oracle.ts";

export interface PythonNDArray {
  /** `sys.version` of the interpreter. */
  readonly version: string;
  /** CPython's answers to cases in the language of ndarray_oracle.py, in one crossing into Python. */
  runAll(cases: readonly unknown[]): unknown[];
}

export async function loadPythonNDArray(): Promise<PythonNDArray> {
  // ndarray_oracle imports struct_oracle.
  const { version, runJson } = await loadOracle("ndarray_oracle", ["struct_oracle.py", "ndarray_oracle.py"]);
  return { version, runAll: (cases) => JSON.parse(runJson(JSON.stringify(cases))) as unknown[] };
}
