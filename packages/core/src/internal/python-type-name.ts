/**
 * The Python type name that CPython would print for the JavaScript value a
 * caller passed, for messages such as "a bytes-like object is required, not
 * 'int'". JS values map to their nearest Python counterparts.
 *
 * @module
 */

import { isUint8Array } from "./typed-array-tag.ts";

/**
 * A getter (or property) under this registered symbol names an object's
 * Python type in messages (`MemoryView` says "memoryview"), where the
 * constructor name would not.
 *
 * @example
 * ```ts
 * import { memoryview, pythonTypeNameSymbol } from "@pybuffer/core";
 * let message = "";
 * try {
 *   memoryview({ [pythonTypeNameSymbol]: "array.array" });
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // "memoryview: a bytes-like object is required, not 'array.array'"
 * ```
 *
 * @since 0.1.0
 */
export const pythonTypeNameSymbol: unique symbol = Symbol.for("pybuffer.pythonTypeName");

/**
 * `type(value).__name__` for the Python value closest to `value`, as
 * CPython's messages print it ("a bytes-like object is required, not 'str'").
 *
 * @example
 * ```ts
 * import { pythonTypeName } from "@pybuffer/core/internal";
 * [pythonTypeName(1), pythonTypeName(1.5), pythonTypeName("x"), pythonTypeName(null)]; // ["int", "float", "str", "NoneType"]
 * pythonTypeName(new Uint8Array(1)); // "bytes"
 * ```
 */
export function pythonTypeName(value: unknown): string {
  switch (typeof value) {
    case "undefined":
      return "NoneType";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "bigint":
      return "int";
    case "string":
      return "str";
    case "symbol":
      return "symbol";
    case "function":
      return "function";
  }
  if (value === null) return "NoneType";
  try {
    return objectTypeName(value as object);
  } catch {
    // A revoked Proxy, or one whose traps throw: name it without its help.
    return "object";
  }
}

function objectTypeName(value: object): string {
  if (Array.isArray(value)) return "list";
  const declared = (value as { [pythonTypeNameSymbol]?: unknown })[pythonTypeNameSymbol];
  if (typeof declared === "string") return declared;
  // Python's bytes: a Uint8Array is what this library hands out for bytes.
  if (isUint8Array(value)) return "bytes";
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return "dict";
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" ? name : "object";
}

/**
 * The type name in Argument Clinic's "must be X, not Y" messages, which say
 * `None` rather than `NoneType` (`_PyArg_BadArgument`).
 *
 * @example
 * ```ts
 * import { argumentTypeName } from "@pybuffer/core/internal";
 * [argumentTypeName(null), argumentTypeName(1)]; // ["None", "int"]
 * ```
 */
export function argumentTypeName(value: unknown): string {
  return value === null || value === undefined ? "None" : pythonTypeName(value);
}
