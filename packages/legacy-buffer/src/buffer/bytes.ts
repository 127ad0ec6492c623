/**
 * Copies out of a window and writes into one. Results that Python 2 returns
 * as `str` are fresh `Uint8Array`s; writes have memmove semantics (C used
 * memcpy, whose overlap behaviour is undefined).
 *
 * @module
 */

import { concatBytes, copyOfBlockRange, copyOfBytes } from "@pybuffer/core/internal";
import type { Segment } from "../protocol/segment.ts";
import { assertLiveSegment, segmentBytes } from "../protocol/segment.ts";

/**
 * Results below this many bytes are made here with plain `Uint8Array`
 * operations: a window is a checked segment (live memory, in bounds), so
 * core's checks of its arguments would only repeat ours, and at 1 KB they
 * cost as much as the allocation. Larger results go through core, which
 * skips the zero-fill from this size on (its internal/fresh-bytes.ts) and
 * turns an allocation the engine refuses into MemoryError.
 */
const SMALL_RESULT = 64 * 1024;

/** `length` bytes from `start` in the window, as a new array. */
export function copyOut(window: Segment, start: number, length: number): Uint8Array {
  if (length <= 0) return new Uint8Array(0);
  return copyOfBlockRange(window.memory, window.offset + start, length);
}

/** `bytes[start:end]` (bounds already in range), as a new array of its own. */
export function copyOfRange(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return end - start < SMALL_RESULT ? bytes.slice(start, end) : copyOfBytes(bytes.subarray(start, end));
}

/**
 * The bytes of `first` and then `second`, as a new array. `second` was
 * just read; `first` is checked again, as reading `second` ran its owner's code.
 */
export function joinWindows(first: Segment, second: Segment): Uint8Array {
  assertLiveSegment(first);
  return joinBytes(segmentBytes(first), segmentBytes(second));
}

/** The bytes of `head` and then `tail` (both live, read at once), as a new array. */
export function joinBytes(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const total = head.length + tail.length;
  if (total >= SMALL_RESULT) return concatBytes([head, tail]);
  const result = new Uint8Array(total);
  result.set(head);
  result.set(tail, head.length);
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
