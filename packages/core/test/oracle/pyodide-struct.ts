/**
 * CPython 3.14's `struct`, in process: Pyodide (wasm32) running
 * struct_oracle.py. Load once per test file (about 4 s); each call is a JSON
 * round trip of well under a millisecond.
 */
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";
import { canonicalResult, type CaseResult, type StructCase } from "./tagged.ts";

export interface PythonStruct {
  /** `sys.version` of the interpreter. */
  readonly version: string;
  /** CPython's answer, with numbers spelled as the engine runner spells them. */
  run(c: StructCase): CaseResult;
  /** Many answers in one crossing into Python. */
  runAll(cases: readonly StructCase[]): CaseResult[];
}

const RUNNER_SOURCE = readFileSync(new URL("./struct_oracle.py", import.meta.url), "utf8");

export async function loadPythonStruct(): Promise<PythonStruct> {
  const py = await loadPyodide();
  const namespace = py.toPy({});
  py.runPython(RUNNER_SOURCE, { globals: namespace });
  const runJson = namespace.get("run_json") as (text: string) => string;
  const version = py.runPython("import sys; sys.version") as string;
  return {
    version,
    run: (c) => canonicalResult(JSON.parse(runJson(JSON.stringify(c))) as CaseResult),
    runAll: (cases) => (JSON.parse(runJson(JSON.stringify(cases))) as CaseResult[]).map(canonicalResult),
  };
}
