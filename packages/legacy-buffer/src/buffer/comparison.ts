/**
 * Comparison (Objects/bufferobject.c: buffer_compare): `tp_compare` between two buffers, and what `==`
 * gives against everything else.
 *
 * @module
 */

import { BufferFlags, checkBuffer, getBuffer, isPythonError, PyTypeError, releaseBuffer } from "@pybuffer/core";
import { typeName } from "../internal/type-name.ts";
import { segmentBytes, type Segment } from "../protocol/segment.ts";
import { stateOf } from "./registry.ts";
import { resolveWindow, type BufferState } from "./state.ts";

/** Unsigned byte-wise comparison, then by length: -1, 0 or 1. */
function compareBytes(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/**
 * `buffer_compare`: both windows (errors propagate), compared.
 *
 * @throws PyTypeError "buffer.__cmp__(x,y) requires y to be a 'buffer', not a 'X'" for a non-buffer.
 */
export function compareWith(state: BufferState, other: unknown): -1 | 0 | 1 {
  const otherState = stateOf(other);
  if (otherState === undefined) {
    throw new PyTypeError(`buffer.__cmp__(x,y) requires y to be a 'buffer', not a '${typeName(other)}'`);
  }
  const mine = resolveWindow(state, "any");
  const theirs = resolveWindow(otherState, "any");
  return compareBytes(segmentBytes(mine), segmentBytes(theirs));
}

/**
 * `b == other`:
 *
 * - another buffer: `compareWith` is 0 (errors propagate);
 * - a string (Python 2 `unicode`): the char buffer, decoded as ASCII, equals
 *   it; a TypeError getting the char buffer, or bytes outside ASCII, make it
 *   unequal, other errors (UnicodeEncodeError) propagate;
 * - any new-protocol exporter (as 2.7's bytearray and memoryview compared):
 *   equal bytes; when either side cannot give its bytes, unequal;
 * - anything else: unequal.
 */
export function equalsValue(state: BufferState, other: unknown): boolean {
  const otherState = stateOf(other);
  if (otherState !== undefined) return compareWith(state, other) === 0;
  if (typeof other === "string") return equalsText(state, other);
  if (typeof other === "object" && other !== null && checkBuffer(other)) return equalsBytes(state, other);
  return false;
}

function equalsText(state: BufferState, text: string): boolean {
  let chars: Segment;
  try {
    chars = resolveWindow(state, "char");
  } catch (error) {
    if (isPythonError(error, "TypeError")) return false;
    throw error;
  }
  const bytes = segmentBytes(chars);
  if (bytes.length !== text.length) return false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80 || byte !== text.charCodeAt(i)) return false;
  }
  return true;
}

function equalsBytes(state: BufferState, other: object): boolean {
  let mine: Segment;
  try {
    mine = resolveWindow(state, "any");
  } catch {
    return false;
  }
  let record;
  try {
    record = getBuffer(other, BufferFlags.SIMPLE);
  } catch {
    return false;
  }
  try {
    return compareBytes(segmentBytes(mine), new Uint8Array(record.memory, record.buf, record.len)) === 0;
  } finally {
    releaseBuffer(record);
  }
}
