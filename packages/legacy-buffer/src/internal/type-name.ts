/**
 * The Python 2 type name of a JavaScript value, for the messages that name
 * one ("must be read-write buffer, not int", "requires y to be a 'buffer',
 * not a 'unicode'"). In this package a JS string is Python 2's `unicode`.
 *
 * @module
 */

import { pythonTypeNameSymbol } from "@pybuffer/core";
import { pythonTypeName } from "@pybuffer/core/internal";

/**
 * The registered key under which an object may name its Python type (core's
 * MemoryView says "memoryview" there, this package's LegacyBuffer "buffer").
 */
export const pythonTypeNameKey: typeof pythonTypeNameSymbol = pythonTypeNameSymbol;

/**
 * `type(value).__name__` (C's `tp_name`) for the Python 2 value closest to
 * `value`: core's names, except that a JS string is `unicode` and a bigint `long`.
 */
export function typeName(value: unknown): string {
  if (typeof value === "string") return "unicode";
  if (typeof value === "bigint") return "long";
  try {
    if (value instanceof Uint8Array && !(pythonTypeNameSymbol in value)) return value.constructor.name;
  } catch {
    // A Proxy whose every look throws: core's pythonTypeName names it without looking.
  }
  return pythonTypeName(value);
}

/** The name `PyArg_ParseTuple`'s messages use: `None` for None, the type name otherwise. */
export function argumentTypeName(value: unknown): string {
  return value === null || value === undefined ? "None" : typeName(value);
}
