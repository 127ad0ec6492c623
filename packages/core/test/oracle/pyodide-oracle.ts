/**
 * CPython 3.14 in process: Pyodide (wasm32) with this folder's Python oracle
 * modules on `sys.path`. Every oracle speaks JSON through a `run_json`
 * function, so one loader serves them all. Load once per test file (about
 * 4 s); a batch of cases is one round trip into Python.
 */
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

export interface PythonOracle {
  /** `sys.version` of the interpreter. */
  readonly version: string;
  /** The module's `run_json(text) -> text`. */
  runJson(text: string): string;
  /** Runs Python source and returns `str()` of its last expression (for a focused check). */
  evaluate(source: string): string;
}

/** Loads Pyodide, writes the oracle `files` where Python imports them, and imports `module`. */
export async function loadOracle(module: string, files: readonly string[]): Promise<PythonOracle> {
  const py = await loadPyodide();
  py.FS.mkdirTree("/oracle");
  for (const name of files) {
    py.FS.writeFile(`/oracle/${name}`, readFileSync(new URL(`./${name}`, import.meta.url), "utf8"));
  }
  py.runPython("import sys; sys.path.insert(0, '/oracle')");
  const oracle = py.pyimport(module) as { run_json: (text: string) => string };
  return {
    version: py.runPython("import sys; sys.version") as string,
    runJson: (text) => oracle.run_json(text),
    evaluate: (source) => String(py.runPython(source)),
  };
}
