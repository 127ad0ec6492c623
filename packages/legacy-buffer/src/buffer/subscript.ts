/**
 * Item access, slicing, item and slice assignment, and deletion, with
 * CPython 2.7's two paths and their check orders (Objects/bufferobject.c: buffer_item,
 * buffer_subscript, buffer_ass_item, buffer_ass_subscript):
 *
 * - `b[i:j]` (a slice without a step whose bounds are integers or None)
 *   takes the SLICE opcode path: the bounds are clamped to `Py_ssize_t`, a
 *   negative bound gets `len(b)` added (which resolves the window, before
 *   anything else), then `sq_slice`/`sq_ass_slice`;
 * - an index, or any other slice, takes `mp_subscript`/`mp_ass_subscript`,
 *   where the key is evaluated before the window is resolved.
 *
 * @module
 */

import { IndexError, PyTypeError, Slice } from "@pybuffer/core";
import { clampedBound, indexValue, isIndex } from "../internal/ssize.ts";
import type { Segment } from "../protocol/segment.ts";
import { segmentCount, slotsOf, type SlotTable } from "../protocol/slots.ts";
import { copyOfRange, copyOut, gather, scatter } from "./bytes.ts";
import { stableWindow } from "./stable-window.ts";
import { resolveWindow, type BufferState } from "./state.ts";

/** The value of a deletion (`del b[key]`: C's NULL value). */
export const DELETION: unique symbol = Symbol("pybuffer.legacy.deletion");

/** Whether `bound` is a bound of Python 2's `b[i:j]`: an integer or None. */
function isSimpleBound(bound: unknown): boolean {
  return bound === null || bound === undefined || isIndex(bound);
}

/** Whether a slice is Python 2's `b[i:j]`: no step, and bounds that are integers or None. */
function isSimpleSlice(key: Slice): boolean {
  return (key.step === null || key.step === undefined) && isSimpleBound(key.start) && isSimpleBound(key.stop);
}

/** The bounds of `b[i:j]` as `_PyEval_SliceIndex` gives them: None is 0 or the maximum. */
function rawBounds(key: Slice): [low: number, high: number] {
  const low = key.start === null || key.start === undefined ? 0 : clampedBound(key.start as number | bigint | boolean);
  const high = key.stop === null || key.stop === undefined ? Number.MAX_SAFE_INTEGER : clampedBound(key.stop as number | bigint | boolean);
  return [low, high];
}

/**
 * The bounds of `b[i:j]` as `PySequence_GetSlice`/`SetSlice` get them: None
 * is 0 or the maximum, and a negative bound gets `len(b)` added once. The
 * window read for `len(b)`, if any, comes back too.
 */
function simpleBounds(state: BufferState, key: Slice): [low: number, high: number, window: Segment | undefined] {
  let [low, high] = rawBounds(key);
  if (low >= 0 && high >= 0) return [low, high, undefined];
  const window = resolveWindow(state, "any");
  if (low < 0) low += window.length;
  if (high < 0) high += window.length;
  return [low, high, window];
}

/**
 * `b[i:j]` over a stable window (stable-window.ts): the window `len(b)` and
 * `sq_slice` would both resolve is the one at hand.
 */
function stableSlice(bytes: Uint8Array, key: Slice): Uint8Array {
  const size = bytes.length;
  let [low, high] = rawBounds(key);
  if (low < 0) low = Math.max(low + size, 0);
  if (high < 0) high = Math.max(high + size, 0);
  if (high > size) high = size;
  if (high <= low) return new Uint8Array(0);
  return copyOfRange(bytes, low, high);
}

/**
 * The window `sq_slice`/`sq_ass_slice` resolve after `len(b)` did: asked
 * again, as CPython does, unless the base's slots run none of its code
 * (the answer could not differ).
 */
function windowAgain(state: BufferState, lengthWindow: Segment | undefined): Segment {
  const pure = state.base === null || state.slots?.pure === true;
  return lengthWindow !== undefined && pure ? lengthWindow : resolveWindow(state, "any");
}

/**
 * `b[key]`: one byte, or a slice, as a new array.
 *
 * @throws IndexError "buffer index out of range", "cannot fit 'long' into an index-sized integer".
 * @throws PyTypeError "sequence index must be integer"; slice bound errors.
 * @throws ValueError "slice step cannot be zero".
 */
export function getItem(state: BufferState, key: unknown): Uint8Array {
  if (isSlice(key)) {
    if (isSimpleSlice(key)) {
      const stable = stableWindow(state);
      if (stable !== undefined) return stableSlice(stable, key);
      let [low, high, lengthWindow] = simpleBounds(state, key);
      const window = windowAgain(state, lengthWindow);
      if (low < 0) low = 0;
      if (high < 0) high = 0;
      if (high > window.length) high = window.length;
      if (high < low) high = low;
      return copyOut(window, low, high - low);
    }
    key.indices(0); // _PySlice_Unpack: its errors come before the window's
    const window = resolveWindow(state, "any");
    const [start, , step, count] = key.indices(window.length);
    return gather(window, start, step, count);
  }
  if (isIndex(key)) {
    let index = indexValue(key);
    const window = resolveWindow(state, "any");
    if (index < 0) index += window.length;
    if (index < 0 || index >= window.length) throw new IndexError("buffer index out of range");
    return copyOut(window, index, 1);
  }
  throw new PyTypeError("sequence index must be integer");
}

/** The value's slots, checked as every assignment checks them. */
function valueSlots(value: unknown): SlotTable {
  const slots = value === DELETION ? null : slotsOf(value);
  if (slots === null || slots.read === undefined || slots.count === undefined) {
    throw new PyTypeError("bad argument type for built-in operation");
  }
  if (segmentCount(slots) !== 1) throw new PyTypeError("single-segment buffer object expected");
  return slots;
}

/**
 * `b[key] = value` (or `del b[key]` with {@link DELETION}), in CPython's
 * order: readonly, the value's slots and segment count, the key, the window,
 * the range, the value's bytes, their length.
 *
 * @throws PyTypeError "buffer is read-only", "bad argument type for built-in
 * operation", "single-segment buffer object expected", "right operand must be
 * a single byte", "right operand length must match slice length", "buffer
 * indices must be integers".
 * @throws IndexError "buffer assignment index out of range".
 */
export function assignItem(state: BufferState, key: unknown, value: unknown): void {
  if (isSlice(key) && isSimpleSlice(key)) {
    assignSimpleSlice(state, key, value);
    return;
  }
  if (state.readonly) throw new PyTypeError("buffer is read-only");
  const slots = valueSlots(value);
  if (isIndex(key)) {
    let index = indexValue(key);
    const window = resolveWindow(state, "any");
    if (index < 0) index += window.length;
    if (index < 0 || index >= window.length) throw new IndexError("buffer assignment index out of range");
    const source = valueSlots(value).read!(0); // buffer_ass_item_impl checks the value again
    if (source.length !== 1) throw new PyTypeError("right operand must be a single byte");
    scatter(window, index, 1, 1, source);
    return;
  }
  if (isSlice(key)) {
    key.indices(0);
    const window = resolveWindow(state, "any");
    const [start, , step, count] = key.indices(window.length);
    const source = slots.read!(0);
    if (source.length !== count) throw new PyTypeError("right operand length must match slice length");
    scatter(window, start, step, count, source);
    return;
  }
  throw new PyTypeError("buffer indices must be integers");
}

/** `b[i:j] = value`: `PySequence_SetSlice` then `sq_ass_slice`. */
function assignSimpleSlice(state: BufferState, key: Slice, value: unknown): void {
  // The value's slots run in between, so the window is always asked for again.
  let [low, high] = simpleBounds(state, key);
  if (state.readonly) throw new PyTypeError("buffer is read-only");
  const slots = valueSlots(value);
  const window: Segment = resolveWindow(state, "any");
  const source = slots.read!(0);
  const size = window.length;
  if (low < 0) low = 0;
  else if (low > size) low = size;
  if (high < low) high = low;
  else if (high > size) high = size;
  if (source.length !== high - low) throw new PyTypeError("right operand length must match slice length");
  scatter(window, low, 1, high - low, source);
}

/** `key instanceof Slice`, false for a Proxy whose prototype cannot be read (a revoked one). */
function isSlice(key: unknown): key is Slice {
  try {
    return key instanceof Slice;
  } catch {
    return false;
  }
}
