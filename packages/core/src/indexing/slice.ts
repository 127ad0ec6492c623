/**
 * Python's `slice` and `Ellipsis` for JavaScript callers, and the index
 * arithmetic of `PySlice_Unpack` and `PySlice_AdjustIndices`.
 *
 * @module
 */

import { PyTypeError, ValueError } from "../errors/python-errors.ts";
import { pythonTypeName, pythonTypeNameSymbol } from "../internal/python-type-name.ts";

/**
 * A slice bound: an integer, or `null`/`undefined` for "omitted".
 *
 * @since 0.1.0
 */
export type SliceBound = number | bigint | null | undefined;

/**
 * A Python slice, `start:stop:step`. Make one with {@link slice}.
 *
 * @example
 * ```ts
 * import { slice } from "@pybuffer/core";
 * const everyOther = slice(null, null, 2); // Python's ::2
 * everyOther.indices(5); // [0, 5, 2, 3]
 * ```
 *
 * @since 0.1.0
 */
export class Slice {
  /** @since 0.1.0 */
  readonly start: SliceBound;
  /** @since 0.1.0 */
  readonly stop: SliceBound;
  /** @since 0.1.0 */
  readonly step: SliceBound;

  /** @since 0.1.0 */
  constructor(start: SliceBound, stop: SliceBound, step: SliceBound) {
    this.start = start;
    this.stop = stop;
    this.step = step;
  }

  /**
   * `slice.indices(length)` plus the slice length: `[start, stop, step, slicelength]`,
   * clamped to a sequence of `length` items.
   *
   * @throws ValueError "slice step cannot be zero".
   * @throws PyTypeError for a bound that is not an integer or null.
   *
   * @since 0.1.0
   */
  indices(length: number): [start: number, stop: number, step: number, slicelength: number] {
    const [start, stop, step] = unpackSlice(this);
    return adjustSliceIndices(length, start, stop, step);
  }

  /** @since 0.1.0 */
  get [pythonTypeNameSymbol](): string {
    return "slice";
  }

  /**
   * Python's `repr`: `slice(1, None, 2)`.
   *
   * @since 0.1.0
   */
  toString(): string {
    const show = (bound: SliceBound): string => (bound === null || bound === undefined ? "None" : String(bound));
    return `slice(${show(this.start)}, ${show(this.stop)}, ${show(this.step)})`;
  }
}

/**
 * Makes a {@link Slice}. With one argument it is the stop, as in Python:
 * `slice(3)` is `:3`.
 *
 * @example
 * ```ts
 * import { slice } from "@pybuffer/core";
 * slice(3).toString(); // "slice(None, 3, None)"
 * slice(1, -1).toString(); // "slice(1, -1, None)"
 * slice(null, null, -1).toString(); // "slice(None, None, -1)"
 * ```
 *
 * @since 0.1.0
 */
export function slice(start: SliceBound, stop?: SliceBound, step?: SliceBound): Slice {
  return arguments.length === 1 ? new Slice(null, start, null) : new Slice(start, stop, step);
}

/**
 * Python's `Ellipsis` (`...`), a key for 0-dimensional views.
 *
 * @example
 * ```ts
 * import { Ellipsis } from "@pybuffer/core";
 * String(Ellipsis); // "Ellipsis"
 * ```
 *
 * @since 0.1.0
 */
export const Ellipsis: { readonly toString: () => string } = Object.freeze({
  toString: () => "Ellipsis",
  [pythonTypeNameSymbol]: "ellipsis",
});

/**
 * C's `PySlice_Unpack` takes a slice object only; anything else (a
 * look-alike, a revoked Proxy) is refused before a field is read.
 */
function assertSlice(key: unknown): asserts key is Slice {
  let isSlice: boolean;
  try {
    isSlice = key instanceof Slice;
  } catch {
    // instanceof asks a Proxy for its prototype, and a revoked one throws.
    isSlice = false;
  }
  if (!isSlice) throw new PyTypeError(`expected a slice, not '${pythonTypeName(key)}'`);
}

/** A `Py_ssize_t` argument of `PySlice_AdjustIndices`: an integral number (bounds beyond lengths clamp). */
function assertIndex(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new PyTypeError(`'${pythonTypeName(value)}' object cannot be interpreted as an integer (argument '${name}')`);
  }
}

function describeNumber(value: unknown): string {
  return typeof value === "number" ? String(value) : `'${pythonTypeName(value)}'`;
}

/** The largest `Py_ssize_t` that bounds are clamped to (any value past every JS length works the same). */
const SSIZE_MAX = Number.MAX_SAFE_INTEGER;

function boundValue(bound: SliceBound, max: number): number | null {
  if (bound === null || bound === undefined) return null;
  if (typeof bound === "number" && Number.isInteger(bound)) return Math.max(-max - 1, Math.min(max, bound));
  if (typeof bound === "bigint") {
    return bound > BigInt(max) ? max : bound < -BigInt(max) - 1n ? -max - 1 : Number(bound);
  }
  if (typeof bound === "boolean") return bound ? 1 : 0;
  throw new PyTypeError("slice indices must be integers or None or have an __index__ method");
}

/**
 * `PySlice_Unpack`: defaults for omitted bounds; a zero step is an error.
 * Check a slice with it before looking at the sequence, as CPython does.
 *
 * Bounds are clamped to `ssizeMax` (the ABI's `Py_ssize_t`; by default the
 * largest safe integer, which acts the same on every JS length).
 *
 * @throws ValueError "slice step cannot be zero", or for an `ssizeMax` that is not a positive integer.
 * @throws PyTypeError for a non-integer bound, or a `key` that is not a {@link Slice}.
 * @example
 * ```ts
 * import { slice, unpackSlice } from "@pybuffer/core";
 * unpackSlice(slice(null, null, -1)); // [9007199254740991, -9007199254740992, -1]
 * ```
 *
 * @since 0.1.0
 */
export function unpackSlice(key: Slice, ssizeMax: number = SSIZE_MAX): [start: number, stop: number, step: number] {
  assertSlice(key);
  if (typeof ssizeMax !== "number" || !Number.isSafeInteger(ssizeMax) || ssizeMax < 1) {
    throw new ValueError(`unpackSlice(): ssizeMax must be a positive integer, not ${describeNumber(ssizeMax)}`);
  }
  let step = boundValue(key.step, ssizeMax) ?? 1;
  if (step === 0) throw new ValueError("slice step cannot be zero");
  // CPython clamps the step to -PY_SSIZE_T_MAX so that -step cannot overflow.
  if (step < -ssizeMax) step = -ssizeMax;
  const start = boundValue(key.start, ssizeMax) ?? (step < 0 ? ssizeMax : 0);
  const stop = boundValue(key.stop, ssizeMax) ?? (step < 0 ? -ssizeMax - 1 : ssizeMax);
  return [start, stop, step];
}

/**
 * `PySlice_Unpack`'s step exactly, for a `Py_ssize_t` of `bits` bits: clamped
 * to +-PY_SSIZE_T_MAX (as `_PyEval_SliceIndex` and `PySlice_Unpack` clamp it)
 * but never rounded, so a bigint step past 2**53 keeps its value. Call it
 * after {@link unpackSlice} has checked the slice.
 */
export function exactSliceStep(key: Slice, bits: number): bigint {
  // A boolean step passes unpackSlice's checks, as Python's bool is an int.
  const step = key.step as SliceBound | boolean;
  const value = typeof step === "bigint" ? step : typeof step === "number" ? BigInt(step) : step === true || step === null || step === undefined ? 1n : 0n;
  const max = (1n << BigInt(bits - 1)) - 1n;
  return value > max ? max : value < -max ? -max : value;
}

/**
 * `PySlice_AdjustIndices`: clamps unpacked bounds to `length` and counts the items.
 *
 * @throws PyTypeError when an argument is not an integral number.
 * @throws ValueError "length should not be negative" (as `slice.indices`), or a zero step (C asserts).
 * @example
 * ```ts
 * import { adjustSliceIndices } from "@pybuffer/core";
 * adjustSliceIndices(5, -2, 100, 1); // [3, 5, 1, 2]
 * ```
 *
 * @since 0.1.0
 */
export function adjustSliceIndices(
  length: number,
  start: number,
  stop: number,
  step: number,
): [start: number, stop: number, step: number, slicelength: number] {
  assertIndex(length, "length");
  if (length < 0) throw new ValueError("length should not be negative");
  assertIndex(start, "start");
  assertIndex(stop, "stop");
  assertIndex(step, "step");
  // PySlice_AdjustIndices asserts step != 0; unpackSlice never gives 0.
  if (step === 0) throw new ValueError("slice step cannot be zero");
  const first = clampSliceIndex(start, length, step);
  const last = clampSliceIndex(stop, length, step);
  return [first, last, step, sliceCount(first, last, step)];
}

/** One bound clamped to a sequence of `length`, as `PySlice_AdjustIndices` clamps it (checked arguments). */
export function clampSliceIndex(index: number, length: number, step: number): number {
  if (index < 0) {
    index += length;
    return index < 0 ? (step < 0 ? -1 : 0) : index;
  }
  return index >= length ? (step < 0 ? length - 1 : length) : index;
}

/** The items from clamped bounds `first` to `last` by `step`: `PySlice_AdjustIndices`'s count. */
export function sliceCount(first: number, last: number, step: number): number {
  if (step < 0) return last < first ? Math.floor((first - last - 1) / -step) + 1 : 0;
  return first < last ? Math.floor((last - first - 1) / step) + 1 : 0;
}
