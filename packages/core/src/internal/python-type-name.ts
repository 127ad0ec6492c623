/**
 * The Python type name that CPython would print for the JavaScript value a
 * caller passed, for messages such as "a bytes-like object is required, not
 * 'int'". JS values map to their nearest Python counterparts.
 *
 * @module
 */

/** `type(value).__name__` for the Python value closest to `value`. */
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
  if (Array.isArray(value)) return "list";
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return "dict";
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" ? name : "object";
}
