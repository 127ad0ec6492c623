/**
 * CPython 3.14's memoryview, in process: Pyodide (wasm32) running
 * memoryview_oracle.py (which imports ndarray_oracle.py and struct_oracle.py).
 * Load once per test file (about 4 s); a batch of cases is one JSON round trip.
 */
import { loadOracle } from "./pyodide-oracle.ts";
import type { MemoryViewCase, MemoryViewCaseResult } from "./engine-memoryview.ts";

export interface PythonMemoryView {
  /** `sys.version` of the interpreter. */
  readonly version: string;
  /** CPython's answers to cases in the language of memoryview_oracle.py, in one crossing into Python. */
  runAll(cases: readonly MemoryViewCase[]): MemoryViewCaseResult[];
  /** Runs Python source and returns `str()` of its last expression (for a focused check). */
  evaluate(source: string): string;
}

export async function loadPythonMemoryView(): Promise<PythonMemoryView> {
  // memoryview_oracle imports ndarray_oracle, which imports struct_oracle.
  const { version, runJson, evaluate } = await loadOracle("memoryview_oracle", [
    "struct_oracle.py",
    "ndarray_oracle.py",
    "memoryview_oracle.py",
  ]);
  return {
    version,
    runAll: (cases) => JSON.parse(runJson(JSON.stringify(cases))) as MemoryViewCaseResult[],
    evaluate,
  };
}
