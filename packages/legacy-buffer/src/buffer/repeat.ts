/**
 * `b * n` (`sq_repeat`: Objects/bufferobject.c, buffer_repeat), without 2.7.18's crash: repeating an
 * empty window gives an empty result (CPython divides by the length and dies
 * with SIGFPE).
 *
 * @module
 */

import { MemoryError, OverflowError, PyTypeError } from "@pybuffer/core";
import { isIndex, repeatCount, SSIZE_MAX } from "../internal/ssize.ts";
import { typeName } from "../internal/type-name.ts";
import { segmentBytes } from "../protocol/segment.ts";
import { resolveWindow, type BufferState } from "./state.ts";

/** `PyStringObject_SIZE` on LP64: a str of more than `PY_SSIZE_T_MAX - 37` bytes is refused. */
const STRING_OVERHEAD = 37n;

/**
 * The window's bytes `n` times (`n < 0` counts as 0), as a new array.
 *
 * @throws PyTypeError "can't multiply sequence by non-int of type 'X'".
 * @throws OverflowError "cannot fit 'long' into an index-sized integer", "string is too large".
 * @throws MemoryError "result too large"; no message when the memory cannot be had.
 */
export function repeatWindow(state: BufferState, n: unknown): Uint8Array {
  if (!isIndex(n)) throw new PyTypeError(`can't multiply sequence by non-int of type '${typeName(n)}'`);
  let count = repeatCount(n);
  if (count < 0n) count = 0n;
  const window = resolveWindow(state, "any");
  if (window.length === 0) return new Uint8Array(0);
  const size = BigInt(window.length);
  if (count > SSIZE_MAX / size) throw new MemoryError("result too large");
  const total = size * count;
  if (total > SSIZE_MAX - STRING_OVERHEAD) throw new OverflowError("string is too large");
  let result: Uint8Array;
  try {
    result = new Uint8Array(Number(total));
  } catch {
    throw new MemoryError("");
  }
  if (result.length === 0) return result;
  result.set(segmentBytes(window));
  // Double the filled prefix until the result is full: log(n) copies.
  for (let filled = window.length; filled < result.length; filled *= 2) {
    result.copyWithin(filled, 0, Math.min(filled, result.length - filled));
  }
  return result;
}
