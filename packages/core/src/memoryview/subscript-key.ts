/**
 * The keys of `m[key]` and `m[key] = value`, classified once into one typed
 * union (as RustPython's `SubscriptNeedle`), in the order of CPython's
 * `memory_subscript` and `memory_ass_sub` (Objects/memoryobject.c): an
 * `__index__` key, a slice, a tuple of `__index__` keys
 * (`is_multiindex`), a tuple holding a slice (`is_multislice`; here, also
 * NumPy's basic indexing, our extension), or none of these. Conversions stay
 * lazy, so each caller raises its errors in CPython's order.
 *
 * @module
 */

import { IndexError, PyTypeError } from "../errors/python-errors.ts";
import { Ellipsis, Slice } from "../indexing/slice.ts";
import { instanceOfSafely, isArraySafely, lookCause } from "../internal/safe-look.ts";
import type { AbiProfile } from "../format/abi.ts";
import { MAX_NDIM } from "../protocol/flags.ts";

/** A key with Python's `__index__`: an integral number, a bigint or a boolean. */
export type IndexKey = number | bigint | boolean;

/** What a key is. */
export type SubscriptKey =
  | { readonly kind: "ellipsis" }
  | { readonly kind: "index"; readonly key: IndexKey }
  | { readonly kind: "slice"; readonly key: Slice }
  | { readonly kind: "indices"; readonly key: readonly IndexKey[] }
  | { readonly kind: "slices"; readonly key: readonly unknown[] }
  | { readonly kind: "oversized"; readonly length: number }
  | { readonly kind: "invalid" };

const ELLIPSIS: SubscriptKey = { kind: "ellipsis" };
const INVALID: SubscriptKey = { kind: "invalid" };

/** Classifies a key; an array is Python's tuple. */
export function classifyKey(key: unknown): SubscriptKey {
  if (isIndexKey(key)) return { kind: "index", key };
  if (instanceOfSafely(key, Slice)) return { kind: "slice", key };
  if (key === Ellipsis) return ELLIPSIS;
  if (isArraySafely(key)) {
    // A JS array can claim 2**32 - 1 elements: one longer than any view's
    // ndim is refused without looking at them (CPython would first have had
    // to build such a tuple).
    if (key.length > MAX_NDIM) return { kind: "oversized", length: key.length };
    if (key.every(isIndexKey)) return { kind: "indices", key };
    if (key.some((k) => instanceOfSafely(k, Slice))) return { kind: "slices", key };
  }
  return INVALID;
}

/** `ptr_from_tuple`'s TypeError for a tuple longer than the view's ndim. */
export function oversizedKey(length: number, ndim: number): PyTypeError {
  return new PyTypeError(`cannot index ${ndim}-dimension view with ${length}-element tuple`);
}

/** Whether `key` has Python's `__index__`: integral numbers, bigints and booleans. */
export function isIndexKey(key: unknown): key is IndexKey {
  return typeof key === "boolean" || typeof key === "bigint" || (typeof key === "number" && Number.isInteger(key));
}

/**
 * `PyNumber_AsSsize_t(key, IndexError)`: an index key as a number; past the
 * ABI's `Py_ssize_t`, IndexError "cannot fit 'int' into an index-sized integer".
 */
export function indexValue(key: IndexKey, abi: AbiProfile): number {
  if (typeof key === "boolean") return key ? 1 : 0;
  const limit = 2 ** (abi.sizeT * 8 - 1);
  if (key >= limit || key < -limit) throw new IndexError("cannot fit 'int' into an index-sized integer");
  return Number(key);
}

/** Negative indices count from the end; out of range is IndexError, 1-based dimension. */
export function boundIndex(index: number, extent: number, dimension: number): number {
  const resolved = index < 0 ? index + extent : index;
  if (resolved < 0 || resolved >= extent) throw new IndexError(`index out of bounds on dimension ${dimension}`);
  return resolved;
}

/**
 * `ptr_from_tuple`'s checks, after the caller's format and sub-view checks:
 * a tuple longer than ndim is a TypeError, then each index is converted and
 * bounds-checked in turn.
 */
export function tupleIndices(key: readonly IndexKey[], shape: readonly number[], abi: AbiProfile): number[] {
  if (key.length > shape.length) {
    throw oversizedKey(key.length, shape.length);
  }
  return key.map((k, dim) => boundIndex(indexValue(k, abi), shape[dim]!, dim + 1));
}

/**
 * The extension's keys: slices and integers, at most one per dimension, the
 * integers converted with the view's own `Py_ssize_t` like every other key.
 */
export function sliceKeys(key: readonly unknown[], ndim: number, abi: AbiProfile): (Slice | number)[] {
  if (key.length > ndim) throw oversizedKey(key.length, ndim);
  return key.map((k) => {
    if (instanceOfSafely(k, Slice)) return k;
    if (!isIndexKey(k)) throw new PyTypeError("memoryview: invalid slice key", lookCause(k));
    // Bounds are checked dimension by dimension when slicing; only what no
    // index can be is refused here.
    return indexValue(k, abi);
  });
}
