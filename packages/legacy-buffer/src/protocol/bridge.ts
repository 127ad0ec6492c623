/**
 * The old protocol's slots for an object that speaks only the new one (a
 * TypedArray, an ArrayBuffer, a MemoryView, an NDArray, any PEP 3118
 * exporter): one segment, its contiguous bytes, read with a SIMPLE request
 * and written with a WRITABLE one. The request is released at once: the old
 * protocol hands out a pointer, not a hold.
 *
 * @module
 */

import { BufferFlags, getBuffer, getBufferSymbol, releaseBuffer, SystemError } from "@pybuffer/core";
import { isDetached, isMemoryBlock } from "@pybuffer/core";
import { blockByteLength, typedArrayName, viewBuffer, viewByteLength, viewByteOffset } from "@pybuffer/core/internal";
import type { Segment } from "./segment.ts";

/**
 * The bytes `obj` exports for `flags` (SIMPLE or WRITABLE), as a segment.
 * Built-in binary types with live memory skip the protocol round trip;
 * everything else (and every failure) goes through `getBuffer`, so errors
 * are core's.
 */
export function exportedSegment(obj: object, flags: number): Segment {
  const fast = builtinSegment(obj, flags);
  if (fast !== undefined) return fast;
  const record = getBuffer(obj, flags);
  try {
    return { memory: record.memory, offset: record.buf, length: record.len };
  } finally {
    releaseBuffer(record);
  }
}

/**
 * Whether `obj` is a built-in binary type (a TypedArray, a DataView, an
 * ArrayBuffer or a SharedArrayBuffer) that does not export through a
 * method of its own, so that reading its segment runs none of its code.
 */
export function isPlainBuiltin(obj: object): boolean {
  // The brand checks first: `in` on a Proxy runs its trap, on a built-in nothing.
  return (ArrayBuffer.isView(obj) || isMemoryBlock(obj)) && !(getBufferSymbol in obj);
}

function builtinSegment(obj: object, flags: number): Segment | undefined {
  if (getBufferSymbol in obj) return undefined;
  try {
    if (ArrayBuffer.isView(obj)) {
      // The window through the built-in getters, each read once: a view's own
      // `byteOffset` (or a subclass's getter) cannot move it, and runs no code.
      const typed = typedArrayName(obj) !== undefined;
      const memory = viewBuffer(obj, typed);
      const offset = viewByteOffset(obj, typed);
      const length = viewByteLength(obj, typed);
      if (length === 0 || (flags & BufferFlags.WRITABLE && isImmutable(memory))) return undefined;
      if (offset + length > blockByteLength(memory)) return undefined;
      return { memory, offset, length };
    }
    if (isMemoryBlock(obj) && !isDetached(obj) && !(flags & BufferFlags.WRITABLE && isImmutable(obj))) {
      return { memory: obj, offset: 0, length: blockByteLength(obj) };
    }
  } catch {
    // A DataView whose window is gone throws on byteLength (a TypedArray's is 0): core says why.
  }
  return undefined;
}

function isImmutable(memory: ArrayBufferLike): boolean {
  return (memory as { immutable?: unknown }).immutable === true;
}

/** A bridged slot: segment 0 only, like every single-segment type. */
export function bridgedSlot(obj: object, flags: number): (segment: number) => Segment {
  return (segment) => {
    if (segment !== 0) throw new SystemError("accessing non-existent buffer segment");
    return exportedSegment(obj, flags);
  };
}
