/**
 * Python integers as C's `Py_ssize_t` (64-bit, as on LP64): the conversions
 * CPython 2.7 applies to offsets, sizes, indices, slice bounds and repeat
 * counts, each with its own error. A JS `number` that is an integer, a
 * `bigint` and a `boolean` are Python integers; other numbers are floats.
 *
 * Values are kept exact: a `number` while it is a safe integer, a `bigint`
 * beyond (only offsets and sizes near 2**63 need that).
 *
 * @module
 */

import { IndexError, OverflowError, PyTypeError } from "@pybuffer/core";

/** A `Py_ssize_t`: a safe-integer `number`, or a `bigint` beyond 2**53. */
export type Ssize = number | bigint;

export const SSIZE_MAX = 2n ** 63n - 1n;
export const SSIZE_MIN = -(2n ** 63n);

/** A JS value that Python would treat as an integer (`PyIndex_Check`). */
export type IntegerLike = number | bigint | boolean;

/** Whether `value` is a Python integer: an integral number, a bigint or a boolean. */
export function isIndex(value: unknown): value is IntegerLike {
  return (typeof value === "number" && Number.isInteger(value)) || typeof value === "bigint" || typeof value === "boolean";
}

/** The exact value of an integer-like as a bigint. */
function toBigInt(value: IntegerLike): bigint {
  return typeof value === "boolean" ? (value ? 1n : 0n) : BigInt(value);
}

/** A bigint as an Ssize: a number when it is a safe integer. */
export function normalize(value: bigint): Ssize {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** The exact value of an Ssize as a bigint. */
export function big(value: Ssize): bigint {
  return BigInt(value);
}

function inSsizeRange(value: bigint): boolean {
  return value >= SSIZE_MIN && value <= SSIZE_MAX;
}

/**
 * `PyArg_ParseTuple`'s `n` code (buffer()'s offset and size).
 *
 * @throws PyTypeError "integer argument expected, got float" or "an integer is required".
 * @throws OverflowError "Python int too large to convert to C long".
 */
export function parseSsizeArgument(value: unknown): Ssize {
  if (typeof value === "number" && !Number.isInteger(value)) {
    throw new PyTypeError("integer argument expected, got float");
  }
  if (!isIndex(value)) throw new PyTypeError("an integer is required");
  const exact = toBigInt(value);
  if (!inSsizeRange(exact)) throw new OverflowError("Python int too large to convert to C long");
  return normalize(exact);
}

/**
 * `PyNumber_AsSsize_t(value, IndexError)` for a subscript, saturated to the
 * safe-integer range (which changes nothing: no JS window is that long).
 *
 * @throws IndexError "cannot fit 'long' into an index-sized integer".
 */
export function indexValue(value: IntegerLike): number {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value; // inside every Py_ssize_t
  const exact = toBigInt(value);
  if (!inSsizeRange(exact)) throw new IndexError("cannot fit 'long' into an index-sized integer");
  return saturate(exact);
}

/**
 * `PyNumber_AsSsize_t(value, OverflowError)` for a repeat count, exact.
 *
 * @throws OverflowError "cannot fit 'long' into an index-sized integer".
 */
export function repeatCount(value: IntegerLike): bigint {
  const exact = toBigInt(value);
  if (!inSsizeRange(exact)) throw new OverflowError("cannot fit 'long' into an index-sized integer");
  return exact;
}

/**
 * `_PyEval_SliceIndex`: a bound of `b[i:j]`, clamped (never an error) to
 * `Py_ssize_t` and then to the safe-integer range.
 */
export function clampedBound(value: IntegerLike): number {
  // A number is clamped as it is: no bigint for the common bound.
  if (typeof value === "number") return Math.min(Math.max(value, Number.MIN_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  return saturate(toBigInt(value));
}

function saturate(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (value < BigInt(Number.MIN_SAFE_INTEGER)) return Number.MIN_SAFE_INTEGER;
  return Number(value);
}
