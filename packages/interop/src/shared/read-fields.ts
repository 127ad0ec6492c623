/**
 * Reading a foreign object's fields once each, as plain values: a getter
 * that answers differently on every read (or throws) cannot make the
 * exporter's checks and its record disagree.
 *
 * @module
 */

import { PyTypeError } from "@pybuffer/core";

/** `value` as an object whose fields can be read, or a TypeError naming what was expected. */
export function asObject(value: unknown, expected: string): Record<string, unknown> {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) {
    throw new PyTypeError(`${expected} expected, not ${value === null ? "null" : typeof value}`);
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
  const copy = new Array<number>(length);
  for (let i = 0; i < length; i++) {
    const n = list[i];
    copy[i] = typeof n === "bigint" ? Number(n) : (n as number);
  }
  return copy;
}
