/**
 * Conversions of JavaScript values to the C values that `struct` packs, with
 * the messages of CPython's `get_long`, `PyFloat_AsDouble` and
 * `PyComplex_AsCComplex` call sites in `Modules/_struct.c`.
 *
 * A JS `number` stands for a Python `int` when an integer code packs it and
 * for a `float` otherwise; a `bigint` is always an `int`; a `boolean` a `bool`.
 *
 * @module
 */

import { BufferError, PyTypeError, StructError } from "../errors/python-errors.ts";
import { pythonLength } from "../internal/python-length.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";
import { isViewWindowGone } from "../internal/view-window.ts";
import type { Complex } from "./values.ts";

/** The value of an integer code: the argument as a bigint, or `null` if it is not an integer. */
export function integerValue(value: unknown): bigint | null {
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) ? BigInt(value) : null;
    case "bigint":
      return value;
    case "boolean":
      return value ? 1n : 0n;
    default:
      return null;
  }
}

/** `PyFloat_AsDouble`: the argument as a double, or `null` where CPython raises. */
export function floatValue(value: unknown): number | null {
  switch (typeof value) {
    case "number":
      return value;
    case "boolean":
      return value ? 1 : 0;
    case "bigint": {
      // int -> float rounds to nearest; an int beyond the double range raises OverflowError.
      const converted = Number(value);
      return Number.isFinite(converted) ? converted : null;
    }
    default:
      return null;
  }
}

/** `PyComplex_AsCComplex`: a `{ real, imag }` object or any real number. */
export function complexValue(value: unknown): Complex | null {
  if (typeof value === "object" && value !== null && !isUint8Array(value)) {
    const { real, imag } = value as { real?: unknown; imag?: unknown };
    const re = floatValue(real);
    const im = floatValue(imag);
    return re === null || im === null ? null : { real: re, imag: im };
  }
  const re = floatValue(value);
  return re === null ? null : { real: re, imag: 0 };
}

/**
 * Python truthiness (`PyObject_IsTrue`) for the JS counterpart of a Python
 * value: zero, NaN-free emptiness and null are false. Unlike JS, `NaN` is
 * true (as `bool(float('nan'))`), and empty arrays, byte strings, maps and sets
 * are false (as empty lists, bytes, dicts and sets), as is an object whose
 * Python `len()` ({@link pythonLengthSymbol}) is 0.
 */
export function pythonTruth(value: unknown): boolean {
  switch (typeof value) {
    case "number":
      return value !== 0;
    case "bigint":
      return value !== 0n;
    case "string":
      return value.length > 0;
    case "boolean":
      return value;
    case "undefined":
      return false;
    case "object": {
      if (value === null) return false;
      // PyObject_IsTrue's fallback to __len__ (a MemoryView, a legacy buffer); a len() that raises propagates.
      const length = pythonLength(value);
      if (length !== undefined) return length !== 0;
      if (Array.isArray(value) || ArrayBuffer.isView(value)) {
        return (value as { length?: number; byteLength: number }).length !== undefined
          ? (value as { length: number }).length > 0
          : (value as { byteLength: number }).byteLength > 0;
      }
      if (value instanceof Map || value instanceof Set) return value.size > 0;
      return true;
    }
    default:
      return true;
  }
}

/**
 * The argument of `s` and `p`: `bytes` (a `Uint8Array`) or the CPython
 * error. Bytes whose memory is gone (detached, or cut off by a resize) read
 * as empty in JavaScript; packing them would write zeros, so they are a
 * BufferError instead.
 */
export function bytesValue(value: unknown, char: "s" | "p"): Uint8Array {
  if (isUint8Array(value)) {
    if (isViewWindowGone(value)) throw new BufferError(`argument for '${char}': its memory is gone (detached or resized away)`);
    return value;
  }
  throw new StructError(`argument for '${char}' must be a bytes object`);
}

/**
 * Runs a conversion that looks inside an object (`?` asks for its length,
 * `F`/`D` for its `real` and `imag`). In CPython what `__bool__` or
 * `__complex__` raises propagates; here a getter or a Proxy may throw a
 * bare JavaScript error (a revoked Proxy throws TypeError on any look), so
 * such an error becomes a PyTypeError carrying it as its cause, and a
 * Python error passes through.
 */
export function guardedConversion<T>(value: unknown, convert: (value: unknown) => T): T {
  try {
    return convert(value);
  } catch (error) {
    if (typeof (error as { pythonType?: unknown } | null)?.pythonType === "string") throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new PyTypeError(`the value cannot be converted: ${message}`, { cause: error });
  }
}
