/**
 * Python's `len()` for objects of this project and of its users, so that code
 * taking a Python truth value (`struct`'s `'?'`, an item of a `'?'` view) can
 * follow `PyObject_IsTrue` (Objects/object.c), which falls back to `__len__`
 * when a type has no `__bool__`: an object of length 0 is false, and one
 * whose `len()` raises makes the truth test raise.
 *
 * @module
 */

/**
 * A method under this registered symbol is the object's Python `__len__`:
 * `MemoryView` and the legacy `buffer` have one; objects without it are true,
 * as Python objects without `__bool__` and `__len__` are.
 *
 * @example
 * ```ts
 * import { pack, pythonLengthSymbol } from "@pybuffer/core";
 * const empty = { [pythonLengthSymbol]: () => 0 };
 * pack("?", empty); // Uint8Array [0]
 * ```
 *
 * @since 0.1.0
 */
export const pythonLengthSymbol: unique symbol = Symbol.for("pybuffer.len");

/** An object with a Python `len()`. */
interface PythonSized {
  [pythonLengthSymbol](): number;
}

/** `len(value)` when `value` declares one under {@link pythonLengthSymbol}, else `undefined`. */
export function pythonLength(value: object): number | undefined {
  const length = (value as Partial<PythonSized>)[pythonLengthSymbol];
  return typeof length === "function" ? length.call(value) : undefined;
}
