/**
 * Values as `bytearray` takes them (Objects/bytearrayobject.c): sizes and
 * indices through `__index__`, bytes checked to be in range(0, 256), and the
 * bytes of an exporter or of an iterable of integers.
 *
 * @module
 */

import { pythonTypeName } from "@pybuffer/core/internal";
import { BufferFlags, getBuffer, IndexError, PyTypeError, releaseBuffer, toContiguous, ValueError } from "@pybuffer/core";

/** `__index__` for a size or an index: integral numbers, bigints and booleans. */
export function indexValue(value: unknown): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") {
    if (value >= 2n ** 63n || value < -(2n ** 63n)) throw new IndexError("cannot fit 'int' into an index-sized integer");
    return Number(value);
  }
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw new PyTypeError(`'${pythonTypeName(value)}' object cannot be interpreted as an integer`);
}

/** `_getbytevalue`: an integer in range(0, 256). */
export function byteValue(value: unknown): number {
  const byte = indexValue(value);
  if (byte < 0 || byte > 255) throw new ValueError("byte must be in range(0, 256)");
  return byte;
}

/** The bytes of any exporter, in C order (a copy). */
export function bytesOfExporter(exporter: unknown): Uint8Array {
  const record = getBuffer(exporter, BufferFlags.FULL_RO);
  try {
    return toContiguous(record);
  } finally {
    releaseBuffer(record);
  }
}

/** Integers from an iterable, each checked to be a byte. */
export function bytesOfIterable(values: Iterable<unknown>): Uint8Array {
  const bytes: number[] = [];
  for (const value of values) bytes.push(byteValue(value));
  return Uint8Array.from(bytes);
}

/** An object with a `Symbol.iterator` method, asked without letting a hostile object throw. */
export function isIterable(value: unknown): value is Iterable<unknown> {
  try {
    return typeof value === "object" && value !== null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
  } catch {
    // A Proxy whose every look throws: not iterable, refused as any other object.
    return false;
  }
}
