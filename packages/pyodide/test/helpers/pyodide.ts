/**
 * CPython 3.14 in-process: Pyodide, loaded offline from node_modules, once
 * per test file.
 */
import { loadPyodide } from "pyodide";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";

let loading: Promise<PyodideAPI> | undefined;

/** The file's interpreter, with `_testbuffer`, `array`, `mmap` and `ctypes` imported in `__main__`. */
export function interpreter(): Promise<PyodideAPI> {
  return (loading ??= loadPyodide().then((pyodide) => {
    pyodide.runPython("import array, ctypes, mmap, struct, _testbuffer, gc");
    return pyodide;
  }));
}

/** Runs `code` and returns its value as a proxy (the caller destroys it). */
export function python(pyodide: PyodideAPI, code: string): PyProxy {
  const value = pyodide.runPython(code) as unknown;
  if (!(value instanceof pyodide.ffi.PyProxy)) throw new Error(`${code} did not give a Python object`);
  return value;
}

/** Runs `code` and returns its value converted to JavaScript. */
export function pythonValue(pyodide: PyodideAPI, code: string): unknown {
  const value = pyodide.runPython(code) as unknown;
  if (value instanceof pyodide.ffi.PyProxy) {
    const converted = (value as PyProxy & { toJs(options?: object): unknown }).toJs({ create_pyproxies: false });
    value.destroy();
    return converted;
  }
  return value;
}
