/**
 * CPython 3.14's memoryview, in process: Pyodide (wasm32) running
 * memoryview_oracle.py (which imports ndarray_oracle.py and struct_oracle.py).
 * Load once per test file (about 4 s); a batch of cases is one JSON round trip.
 */
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";
import type { MemoryViewCase, MemoryViewCaseResult } from "./engine-memoryview.ts";

export interface PythonMemoryView {
  /** `sys.version` of the interpreter. */
  readonly version: string;
  /** CPython's answers to cases in the language of memoryview_oracle.py, in one crossing into Python. */
  runAll(cases: readonly MemoryViewCase[]): MemoryViewCaseResult[];
  /** Runs Python source and returns `str()` of its last expression (for a focused check). */
  evaluate(source: string): string;
}

const ORACLE_FILES = ["struct_oracle.py", "ndarray_oracle.py", "memoryview_oracle.py"] as const;

export async function loadPythonMemoryView(): Promise<PythonMemoryView> {
  const py = await loadPyodide();
  // The oracles are modules that import each other: put them on sys.path.
  py.FS.mkdirTree("/oracle");
  for (const name of ORACLE_FILES) {
    py.FS.writeFile(`/oracle/${name}`, readFileSync(new URL(`./${name}`, import.meta.url), "utf8"));
  }
  py.runPython("import sys; sys.path.insert(0, '/oracle')");
  const oracle = py.pyimport("memoryview_oracle") as { run_json: (text: string) => string };
  const version = py.runPython("import sys; sys.version") as string;
  return {
    version,
    runAll: (cases) => JSON.parse(oracle.run_json(JSON.stringify(cases))) as MemoryViewCaseResult[],
    evaluate: (source) => String(py.runPython(source)),
  };
}
