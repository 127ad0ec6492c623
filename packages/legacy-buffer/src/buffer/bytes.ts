/**
 * Copies out of a window and writes into one. Results that Python 2 returns
 * as `str` are fresh `Uint8Array`s; writes have memmove semantics (C used
 * memcpy, whose overlap behaviour is undefined).
 *
 * @module
 */

import { bytesToOverwrite, copyOfBlockRange, typedArrayElements } from "@pybuffer/core/internal";
import type { Segment } from "../protocol/segment.ts";
import { assertLiveSegment, segmentBytes } from "../protocol/segment.ts";

/**
 * Results below this many bytes are copied with `Uint8Array#slice`; larger
 * ones are allocated unzeroed by core's `bytesToOverwrite` (from this size on
 * it skips the zero-fill; see its internal/fresh-bytes.ts) and then filled.
 * A window is a checked segment (live memory, in bounds), so the copies here
 * check nothing again.
 */
const SMALL_RESULT = 64 * 1024;

/** `length` bytes from `start` in the window, as a new array. */
export function copyOut(window: Segment, start: number, length: number): Uint8Array {
  if (length <= 0) return new Uint8Array(0);
  return copyOfBlockRange(window.memory, window.offset + start, length);
}

/** `bytes[start:end]` of a live view of ours (bounds already in range), as a new array of its own. */
export function copyOfRange(bytes: Uint8Array, start: number, end: number): Uint8Array {
  if (end - start < SMALL_RESULT) return bytes.slice(start, end);
  const copy = bytesToOverwrite(end - start);
  copy.set(bytes.subarray(start, end));
  return copy;
}

/**
 * The bytes of `first` and then `second`, as a new array. `second` was
 * just read; `first` is checked again, as reading `second` ran its owner's code.
 */
export function joinWindows(first: Segment, second: Segment): Uint8Array {
  assertLiveSegment(first);
  return joinBytes(segmentBytes(first), segmentBytes(second));
}

/**
 * The bytes of `head` (a view of ours) and then `tail` (both live, read at
 * once), as a new array. `tail` may be a caller's array: its length is read
 * through the built-in getter, as `set` reads it, never its own `length`.
 *
 * @throws MemoryError when the result is larger than the engine can make.
 */
export function joinBytes(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const headLength = head.length;
  const result = bytesToOverwrite(headLength + typedArrayElements(tail));
  result.set(head);
  result.set(tail, headLength);
  return result;
}

/** The `count` bytes at `start`, `start + step`, ... of the window, as a new array. */
export function gather(window: Segment, start: number, step: number, count: number): Uint8Array {
  if (count <= 0) return new Uint8Array(0);
  if (step === 1) return copyOut(window, start, count);
  const source = segmentBytes(window);
  const result = new Uint8Array(count);
  for (let i = 0, at = start; i < count; i++, at += step) result[i] = source[at]!;
  return result;
}

/**
 * Writes `source` to positions `start`, `start + step`, ... of the window.
 * An overlapping source is read as it was before the write began.
 */
export function scatter(window: Segment, start: number, step: number, count: number, source: Segment): void {
  if (count <= 0) return;
  const target = segmentBytes(window);
  let bytes = segmentBytes(source);
  if (step === 1) {
    target.set(bytes, start); // TypedArray#set copies an overlapping source first.
    return;
  }
  if (source.memory === window.memory) bytes = bytes.slice();
  for (let i = 0, at = start; i < count; i++, at += step) target[at] = bytes[i]!;
}
