/**
 * Every `@example` in pyodide's TSDoc runs, and the values its comments
 * state hold (see scripts/doc-examples.ts), against CPython 3.14 in Pyodide.
 */
import * as pyodideModule from "pyodide";
import * as core from "@pybuffer/core";
import * as bridge from "../src/index.ts";
import { describeDocExamples } from "../../../scripts/doc-examples.ts";

// Each example calls loadPyodide() as a user would; they share one
// interpreter so the file loads CPython once, as the other test files do.
let loading: ReturnType<typeof pyodideModule.loadPyodide> | undefined;
const pyodide = { ...pyodideModule, loadPyodide: () => (loading ??= pyodideModule.loadPyodide()) };

describeDocExamples(
  new URL("../src", import.meta.url),
  { "@pybuffer/core": core, "@pybuffer/pyodide": bridge, pyodide },
  10,
);
