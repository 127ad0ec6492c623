/**
 * CPython 3.14 in-process: Pyodide, loaded offline from node_modules (or
 * from `PYBUFFER_PYODIDE_DIR`, see conformance/load-pyodide.js), once per
 * test file.
 */
import { loadPyodideUnderTest } from "../../conformance/load-pyodide.js";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";

let loading: Promise<PyodideAPI> | undefined;

/**
 * The file's interpreter, with `array`, `mmap`, `ctypes`, `struct`, `gc`
 * and (where the build has it: Pyodide 314) `_testbuffer` imported in `__main__`.
 */
export function interpreter(): Promise<PyodideAPI> {
  return (loading ??= loadPyodideUnderTest().then((pyodide) => {
    pyodide.runPython("import array, ctypes, mmap, struct, gc\ntry:\n    import _testbuffer\nexcept ImportError:\n    pass");
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

/** Binds `name` in `__main__` (the globals proxy's `set`). */
export function setGlobal(pyodide: PyodideAPI, name: string, value: unknown): void {
  (pyodide.globals as unknown as { set(key: string, value: unknown): void }).set(name, value);
}

/** Runs `code`, expecting a Python exception; returns `[type name, str(exception)]`. */
export function pythonRaises(pyodide: PyodideAPI, code: string): [string, string] {
  setGlobal(pyodide, "_code", code);
  return pythonValue(
    pyodide,
    "def _run(code):\n    try:\n        exec(code, globals())\n    except BaseException as e:\n        return [type(e).__name__, str(e)]\n    return ['no exception', '']\n_run(_code)",
  ) as [string, string];
}
