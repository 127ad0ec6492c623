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

/** A copy of an array-like field of integers (checked later with the geometry), or a TypeError. */
export function numberList(value: unknown, what: string): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) throw new PyTypeError(`${what} must be an array of integers`);
  return Array.from(value as ArrayLike<unknown>, (n) => (typeof n === "bigint" ? Number(n) : (n as number)));
}
