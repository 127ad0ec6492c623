/**
 * `allocate`: Python-owned memory in the Pyodide heap, seen from both sides
 * without a copy: the zero-copy way to fill data in JavaScript for Python.
 *
 * @module
 */

import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { errorForPython } from "./errors/python-exception.ts";
import { fromPython, type PythonExporter } from "./from-python/python-exporter.ts";
import { PyTypeError } from "@pybuffer/core";
import { interpreterArgument } from "./internal/arguments.ts";
import { pythonHelpers } from "./internal/python-helpers.ts";

/**
 * What {@link allocate} returns: one block of heap memory as a Python object
 * and as a JavaScript exporter.
 *
 * @example
 * ```ts
 * import type { Allocation } from "@pybuffer/pyodide";
 * const describe = (a: Allocation) => [a.object.type, a.exporter.path];
 * ```
 *
 * @since 0.1.0
 */
export interface Allocation {
  /**
   * A writable Python `memoryview` (of a zeroed `bytearray`), cast to the format and shape.
   *
   * @since 0.1.0
   */
  readonly object: PyProxy;
  /**
   * The same memory as an exporter (see {@link fromPython}).
   *
   * @since 0.1.0
   */
  readonly exporter: PythonExporter;
}

/**
 * Zeroed heap memory for `shape` items of `format`, owned by Python: write
 * it from JavaScript through `exporter`, hand `object` to Python.
 * `memoryview.cast`'s rules apply, so the format is a native single
 * character (`'d'`, `'i'`, `'B'`, `'?'`, optionally after `'@'`).
 *
 * @throws ValueError, PyTypeError with CPython's messages for a format or shape `memoryview.cast` refuses; PyTypeError when `pyodide` is not an interpreter, ValueError for a Pyodide before 0.26.
 * @example
 * ```ts
 * import { loadPyodide } from "pyodide";
 * import { memoryview } from "@pybuffer/core";
 * import { allocate } from "@pybuffer/pyodide";
 * const pyodide = await loadPyodide();
 * const { object, exporter } = allocate(pyodide, "d", [2, 3]);
 * memoryview(exporter).toTypedArray().set([1, 2, 3, 4, 5, 6]); // no copy
 * pyodide.globals.set("m", object);
 * pyodide.runPython("m.tolist()").toJs(); // [[1, 2, 3], [4, 5, 6]]
 * ```
 *
 * @since 0.1.0
 */
export function allocate(pyodide: PyodideAPI, format: string, shape: readonly number[]): Allocation {
  pyodide = interpreterArgument(pyodide, "allocate");
  const items = shapeItems(shape);
  let object: PyProxy;
  try {
    object = pythonHelpers(pyodide).allocate(format, items);
  } catch (error) {
    throw pythonError(error);
  }
  return { object, exporter: fromPython(pyodide, object) };
}

/**
 * The shape's items, read once (memoryview.cast then judges them, with
 * CPython's messages).
 *
 * @throws PyTypeError "shape must be a list or a tuple" (memoryview_cast_impl,
 * Objects/memoryobject.c) for anything but an array, or one that cannot be read.
 */
function shapeItems(shape: unknown): unknown[] {
  try {
    if (Array.isArray(shape)) return [...(shape as unknown[])];
  } catch {
    // a Proxy of an array whose traps throw, or a revoked one: not readable
  }
  throw new PyTypeError("shape must be a list or a tuple");
}

/** A Pyodide `PythonError` (type name, traceback ending in "Type: message") as core's error. */
function pythonError(error: unknown): unknown {
  const type = (error as { type?: unknown }).type;
  if (typeof type !== "string" || !(error instanceof Error)) return error;
  const last = error.message.trimEnd().split("\n").at(-1) ?? "";
  const message = last.startsWith(`${type}: `) ? last.slice(type.length + 2) : last;
  return errorForPython([type === "error" ? "struct.error" : `builtins.${type}`], message);
}
