/**
 * CPython's C API as Pyodide exposes it to JavaScript: the functions of the
 * Emscripten module (`pyodide._module`) this package calls, found once per
 * interpreter and checked, never assumed. Every pointer is a wasm32 address
 * in the interpreter's `WebAssembly.Memory`.
 *
 * @module
 */

import { isWasmMemory, type WasmMemory } from "@pybuffer/core";
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
  _Py_IncRef(obj: number): void;
  _Py_DecRef(obj: number): void;
  /** `int PyList_SetItem(PyObject *list, Py_ssize_t index, PyObject *item)`: steals `item`'s reference. */
  _PyList_SetItem(list: number, index: number, item: number): number;
  /** Pyodide: the `PyObject *` a proxy holds (borrowed). */
  PyProxy_getPtr(proxy: PyProxy): number;
  /** Pyodide: a new proxy of `obj`, which takes its own reference. */
  pyproxy_new(obj: number): PyProxy;
}

/** The functions every supported build exports under these names. */
const FUNCTIONS = [
  "_PyObject_GetBuffer",
  "_PyBuffer_Release",
  "_PyObject_CheckBuffer",
  "_PyMemoryView_FromBuffer",
  "_PyErr_GetRaisedException",
  "_Py_IncRef",
  "_Py_DecRef",
  "_PyList_SetItem",
  "PyProxy_getPtr",
  "pyproxy_new",
] as const;

/**
 * The heap allocator: libc's `malloc`/`free` where the build exports them
 * (Pyodide 314), else CPython's `PyMem_RawMalloc`/`PyMem_RawFree`
 * (Objects/obmalloc.c: the raw domain is libc's allocator, callable from
 * any context), which Pyodide 0.26 to 0.29 export while they do not export
 * `_malloc`. A block is always freed by the pair that allocated it.
 */
const ALLOCATORS = [
  ["_malloc", "_free"],
  ["_PyMem_RawMalloc", "_PyMem_RawFree"],
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
  const missing: string[] = FUNCTIONS.filter((name) => typeof candidate[name] !== "function");
  const allocator = ALLOCATORS.find((pair) => pair.every((name) => typeof candidate[name] === "function"));
  if (allocator === undefined) missing.push("_malloc");
  if (missing.length > 0) return `pyodide._module does not export ${missing.join(", ")}`;
  const memory = heapMemory(candidate);
  if (memory === null) return "pyodide._module exports no WebAssembly.Memory";
  const api: Record<string, unknown> = { memory, _malloc: candidate[allocator![0]], _free: candidate[allocator![1]] };
  for (const name of FUNCTIONS) api[name] = candidate[name];
  return api as unknown as CApi;
}

/**
 * The interpreter's memory: the `WebAssembly.Memory` (Pyodide 314 exports
 * it), else a view of it through Emscripten's `HEAP8`, which Emscripten's
 * `updateMemoryViews` replaces after every growth (Pyodide 0.26 to 0.29
 * export only that), so its `buffer` is always the current one.
 */
function heapMemory(module: Record<string, unknown>): WasmMemory | null {
  const memory = module["memory"] ?? module["wasmMemory"];
  if (isWasmMemory(memory)) return memory;
  if (!(module["HEAP8"] instanceof Int8Array)) return null;
  return {
    get buffer() {
      return (module["HEAP8"] as Int8Array).buffer as ArrayBuffer;
    },
    grow(): number {
      throw new RangeError("the Pyodide heap grows only from inside the interpreter");
    },
  };
}
