/**
 * CPython's C API as Pyodide exposes it to JavaScript: the functions of the
 * Emscripten module (`pyodide._module`) this package calls, found once per
 * interpreter and checked, never assumed. Every pointer is a wasm32 address
 * in the interpreter's `WebAssembly.Memory`.
 *
 * @module
 */

import type { WasmMemory } from "@pybuffer/core";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";

/** The module functions used, by their Emscripten names (a leading `_` is a C symbol). */
export interface CApi {
  /** The interpreter's linear memory: the heap every Python object lives in. */
  readonly memory: WasmMemory;
  _malloc(size: number): number;
  _free(pointer: number): void;
  /** `int PyObject_GetBuffer(PyObject *obj, Py_buffer *view, int flags)` (Objects/abstract.c). */
  _PyObject_GetBuffer(obj: number, view: number, flags: number): number;
  /** `void PyBuffer_Release(Py_buffer *view)`. */
  _PyBuffer_Release(view: number): void;
  /** `int PyObject_CheckBuffer(PyObject *obj)`. */
  _PyObject_CheckBuffer(obj: number): number;
  /** `PyObject *PyMemoryView_FromBuffer(const Py_buffer *info)` (Objects/memoryobject.c). */
  _PyMemoryView_FromBuffer(view: number): number;
  /** `PyObject *PyErr_GetRaisedException(void)`: the pending exception, which it clears (3.12+). */
  _PyErr_GetRaisedException(): number;
  _Py_DecRef(obj: number): void;
  /** `int PyList_SetItem(PyObject *list, Py_ssize_t index, PyObject *item)`: steals `item`'s reference. */
  _PyList_SetItem(list: number, index: number, item: number): number;
  /** Pyodide: the `PyObject *` a proxy holds (borrowed). */
  PyProxy_getPtr(proxy: PyProxy): number;
  /** Pyodide: a new proxy of `obj`, which takes its own reference. */
  pyproxy_new(obj: number): PyProxy;
}

const FUNCTIONS = [
  "_malloc",
  "_free",
  "_PyObject_GetBuffer",
  "_PyBuffer_Release",
  "_PyObject_CheckBuffer",
  "_PyMemoryView_FromBuffer",
  "_PyErr_GetRaisedException",
  "_Py_DecRef",
  "_PyList_SetItem",
  "PyProxy_getPtr",
  "pyproxy_new",
] as const;

const found = new WeakMap<object, CApi | string>();

/**
 * The C API of `pyodide`, or the reason it is not reachable (a Pyodide
 * build that does not export one of the functions, or no `_module`).
 */
export function cApiOf(pyodide: PyodideAPI): CApi | string {
  const cached = found.get(pyodide);
  if (cached !== undefined) return cached;
  const result = lookUp((pyodide as unknown as { _module?: unknown })._module);
  found.set(pyodide, result);
  return result;
}

function lookUp(module: unknown): CApi | string {
  if (typeof module !== "object" || module === null) return "pyodide._module is not available";
  const candidate = module as Record<string, unknown>;
  const missing = FUNCTIONS.filter((name) => typeof candidate[name] !== "function");
  if (missing.length > 0) return `pyodide._module does not export ${missing.join(", ")}`;
  const memory = candidate["memory"] ?? candidate["wasmMemory"];
  if (Object.prototype.toString.call(memory) !== "[object WebAssembly.Memory]") return "pyodide._module exports no WebAssembly.Memory";
  const api: Record<string, unknown> = { memory };
  for (const name of FUNCTIONS) api[name] = candidate[name];
  return api as unknown as CApi;
}
