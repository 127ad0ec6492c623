/**
 * CPython 3.14's `struct`, in process: Pyodide (wasm32) running
 * struct_oracle.py. Load once per test file (about 4 s); each call is a JSON
 * round trip of well under a millisecond.
 */
import { loadOracle } from "./pyodide-oracle.ts";
import { canonicalResult, type CaseResult, type StructCase } from "./tagged.ts";

export interface PythonStruct {
  /** `sys.version` of the interpreter. */
  readonly version: string;
  /** CPython's answer, with numbers spelled as the engine runner spells them. */
  run(c: StructCase): CaseResult;
  /** Many answers in one crossing into Python. */
  runAll(cases: readonly StructCase[]): CaseResult[];
}

export async function loadPythonStruct(): Promise<PythonStruct> {
  const { version, runJson } = await loadOracle("struct_oracle", ["struct_oracle.py"]);
  return {
    version,
    run: (c) => canonicalResult(JSON.parse(runJson(JSON.stringify(c))) as CaseResult),
    runAll: (cases) => (JSON.parse(runJson(JSON.stringify(cases))) as CaseResult[]).map(canonicalResult),
  };
}
