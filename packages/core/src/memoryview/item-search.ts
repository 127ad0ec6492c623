/**
 * `m.count(x)` and `m.index(x, start, stop)` (new in CPython 3.14,
 * `memoryview_count` and `memoryview_index_impl` in Objects/memoryobject.c):
 * Python's `item is value or item == value` between unpacked items and JS
 * values, and the bounds `index` takes.
 *
 * @module
 */

import { PyTypeError } from "../errors/python-errors.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";

/** Python's `item is value or item == value` for unpacked items and JS values. */
export function itemEquals(item: unknown, value: unknown): boolean {
  // `is` never holds for a freshly unpacked item, so NaN matches nothing.
  if (item === value) return true;
  // The tag test, not instanceof: it works across realms and cannot throw (a revoked Proxy).
  const itemIsBytes = isUint8Array(item);
  const valueIsBytes = isUint8Array(value);
  if (itemIsBytes || valueIsBytes) {
    return itemIsBytes && valueIsBytes && item.length === value.length && item.every((b, i) => b === value[i]);
  }
  const asNumber = (x: unknown): number | bigint | undefined =>
    typeof x === "boolean" ? (x ? 1 : 0) : typeof x === "number" || typeof x === "bigint" ? x : undefined;
  const a = asNumber(item);
  const b = asNumber(value);
  if (a === undefined || b === undefined) return false;
  if (typeof a === typeof b) return a === b;
  const [big, num] = typeof a === "bigint" ? [a, b as number] : [b as bigint, a as number];
  return Number.isInteger(num) && BigInt(num) === big;
}

/**
 * `_PyEval_SliceIndexNotNone`: an integer bound, clamped to `Py_ssize_t` (so
 * a huge one is simply past the end); None and non-integers are refused.
 */
export function sliceIndexArgument(value: unknown): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return value > 2n ** 62n ? 2 ** 62 : value < -(2n ** 62n) ? -(2 ** 62) : Number(value);
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw new PyTypeError("slice indices must be integers or have an __index__ method");
}

/** The range `index` searches: `start` and `stop` adjusted as slice indices to `length` items. */
export function searchRange(start: number, stop: number, length: number): [first: number, last: number] {
  const clamp = (bound: number): number => (bound < 0 ? Math.max(bound + length, 0) : bound);
  const last = Math.min(clamp(stop), length);
  return [Math.min(clamp(start), last), last];
}
