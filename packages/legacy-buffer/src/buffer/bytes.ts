/**
 * Copies out of a window and writes into one. Results that Python 2 returns
 * as `str` are fresh `Uint8Array`s; writes have memmove semantics (C used
 * memcpy, whose overlap behaviour is undefined).
 *
 * @module
 */

import { copyOfBytes } from "@pybuffer/core/internal";
import type { Segment } from "../protocol/segment.ts";
import { segmentBytes } from "../protocol/segment.ts";

/** `length` bytes from `start` in the window, as a new array. */
export function copyOut(window: Segment, start: number, length: number): Uint8Array {
  if (length <= 0) return new Uint8Array(0);
  return copyOfBytes(new Uint8Array(window.memory, window.offset + start, length));
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
