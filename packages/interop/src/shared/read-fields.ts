/**
 * Reading a foreign object's fields once each, as plain values: a getter
 * that answers differently on every read (or throws) cannot make the
 * exporter's checks and its record disagree.
 *
 * @module
 */

import { BufferError, isPythonError, MAX_NDIM, PyTypeError } from "@pybuffer/core";
import { pythonTypeName } from "@pybuffer/core/internal";

/**
 * Runs `read`, which reads a foreign object's fields: an error without
 * `pythonType` that escapes it (a getter that throws, a revoked Proxy, a
 * Symbol where a string is made) becomes a TypeError saying `what` cannot
 * be read, with the error kept as its cause. Python errors pass unchanged.
 */
export function readingForeign<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isPythonError(error)) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : pythonTypeName(error);
    throw new PyTypeError(`${what} cannot be read: ${reason}`, { cause: error });
  }
}

/** `value` as an object whose fields can be read, or a TypeError naming what was expected. */
export function asObject(value: unknown, expected: string): Record<string, unknown> {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) {
    throw new PyTypeError(`${expected} expected, not '${pythonTypeName(value)}'`);
  }
  return value as Record<string, unknown>;
}

/**
 * A copy of an array-like field of integers (checked later with the
 * geometry), or a TypeError. The length is read once and each index once,
 * as `Array.from` would; a plain loop, because this runs on every
 * `toExporter` and `Array.from` with a mapping callback costs a microsecond.
 */
export function numberList(value: unknown, what: string): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) throw new PyTypeError(`${what} must be an array of integers`);
  const list = value as ArrayLike<unknown>;
  // A DataView has no length: Array.from reads it as 0.
  const length = typeof list.length === "number" ? list.length : 0;
  // Checked before copying: a length of 2**32 - 1 would be a four-billion-step loop (memoryobject.c caps ndim at PyBUF_MAX_NDIM).
  if (!Number.isSafeInteger(length) || length < 0) throw new BufferError(`${what} has no valid length`);
  if (length > MAX_NDIM) throw new BufferError(`${what} has ${length} dimensions, more than the maximum of ${MAX_NDIM}`);
  const copy = new Array<number>(length);
  for (let i = 0; i < length; i++) {
    const n = list[i];
    copy[i] = typeof n === "bigint" ? Number(n) : (n as number);
  }
  return copy;
}
