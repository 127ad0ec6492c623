/**
 * CPython 3.14's `_testbuffer`, in process: Pyodide (wasm32) running
 * testbuffer_oracle.py. Load once per test file (about 4 s); a batch of
 * cases is one JSON round trip.
 */
import { loadOracle } from "./pyodide-oracle.ts";
import type { TestbufferCase } from "./testbuffer-arbitraries.ts";

type PerOrder<T> = { readonly C: T; readonly F: T; readonly A: T };

/** What CPython says about one ndarray (see testbuffer_oracle.py). */
export type TestbufferResult =
  | {
      readonly ok: {
        readonly contiguous: PerOrder<boolean>;
        readonly ndContiguous: PerOrder<boolean> | null;
        readonly bytes: PerOrder<string>;
        readonly items: readonly number[];
      };
    }
  | { readonly error: readonly [string, string] };

export interface PythonTestbuffer {
  /** `sys.version` of the interpreter. */
  readonly version: string;
  runAll(cases: readonly TestbufferCase[]): TestbufferResult[];
}

export async function loadPythonTestbuffer(): Promise<PythonTestbuffer> {
  const { version, runJson } = await loadOracle("testbuffer_oracle", ["testbuffer_oracle.py"]);
  return { version, runAll: (cases) => JSON.parse(runJson(JSON.stringify(cases))) as TestbufferResult[] };
}
