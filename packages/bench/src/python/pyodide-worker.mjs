#!/usr/bin/env node
/**
 * The Pyodide column's worker process: loads CPython 3.14 (the `pyodide` npm
 * package) in a process of its own, so that its large heap never makes our
 * column's garbage collection dearer, and answers runner.py's worker protocol
 * on stdin/stdout, one JSON line each way. The first line it writes is
 * `{"status":"ready", ...meta}` or `{"status":"error","reason"}`.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const RUNNER = new URL("./runner.py", import.meta.url);

/** @param {unknown} error */
function lastLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n").pop() ?? text;
}

/** @type {(line: string) => string} */
let handle;
try {
  const { loadPyodide } = await import("pyodide");
  const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  pyodide.runPython(readFileSync(RUNNER, "utf8"));
  const pyHandle = pyodide.globals["get"]("handle");
  handle = (line) => String(pyHandle(line));
  const meta = JSON.parse(handle(JSON.stringify({ op: "meta" })));
  process.stdout.write(`${JSON.stringify({ status: "ready", ...meta, pyodide: pyodide.version })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ status: "error", reason: `loadPyodide failed (${lastLine(error)})` })}\n`);
  process.exit(0);
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== "") process.stdout.write(`${handle(line)}\n`);
}
