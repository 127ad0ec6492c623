/**
 * What the old protocol's slots return, and the check a consumer makes on
 * it before use: an exporter is never trusted (DESIGN.md), so a segment must
 * lie inside live memory.
 *
 * @module
 */

import { BufferError, type MemoryBlock } from "@pybuffer/core";
import { isDetached, isMemoryBlock } from "@pybuffer/core";
import { blockByteLength, isViewWindowGone, typedArrayName, viewBuffer, viewByteLength, viewByteOffset } from "@pybuffer/core/internal";
import { typeName } from "../internal/type-name.ts";
import type { getCharBufferSymbol, getReadBufferSymbol, getSegmentCountSymbol, getWriteBufferSymbol } from "./symbols.ts";

/**
 * One segment: `length` bytes at byte offset `offset` of `memory` (C's
 * pointer and count).
 *
 * @example
 * ```ts
 * import type { Segment } from "@pybuffer/legacy-buffer";
 * const segment: Segment = { memory: new ArrayBuffer(8), offset: 2, length: 4 };
 * ```
 *
 * @since 0.1.0
 */
export interface Segment {
  /** @since 0.1.0 */
  readonly memory: MemoryBlock;
  /** @since 0.1.0 */
  readonly offset: number;
  /** @since 0.1.0 */
  readonly length: number;
}

/**
 * What a slot may return: a {@link Segment}, or any `ArrayBufferView` (a
 * `Uint8Array`, say), which stands for the bytes it covers.
 *
 * @example
 * ```ts
 * import type { SegmentLike } from "@pybuffer/legacy-buffer";
 * const bytes: SegmentLike = new Uint8Array([1, 2]);
 * ```
 *
 * @since 0.1.0
 */
export type SegmentLike = Segment | ArrayBufferView;

/**
 * What the segment-count slot returns: the number of segments and their
 * total length in bytes (`bf_getsegcount(obj, &len)`).
 *
 * @example
 * ```ts
 * import type { SegmentCount } from "@pybuffer/legacy-buffer";
 * const single: SegmentCount = { count: 1, length: 12 };
 * ```
 *
 * @since 0.1.0
 */
export interface SegmentCount {
  /** @since 0.1.0 */
  readonly count: number;
  /** @since 0.1.0 */
  readonly length: number;
}

/**
 * An object that exports the old buffer protocol: any of the four slot
 * methods (a missing one is C's NULL slot). `buffer()` needs the read and
 * segment-count slots; `fromReadWriteObject` the write and segment-count slots.
 *
 * @example
 * ```ts
 * import { type OldBufferExporter, getReadBufferSymbol, getSegmentCountSymbol, buffer } from "@pybuffer/legacy-buffer";
 * class Packet implements OldBufferExporter {
 *   readonly bytes = new Uint8Array([0xca, 0xfe]);
 *   [getSegmentCountSymbol]() { return { count: 1, length: this.bytes.length }; }
 *   [getReadBufferSymbol](segment: number) { return this.bytes; }
 * }
 * buffer(new Packet()).toBytes(); // Uint8Array [202, 254]
 * ```
 *
 * @since 0.1.0
 */
export interface OldBufferExporter {
  /** @since 0.1.0 */
  [getReadBufferSymbol]?(segment: number): SegmentLike;
  /** @since 0.1.0 */
  [getWriteBufferSymbol]?(segment: number): SegmentLike;
  /** @since 0.1.0 */
  [getSegmentCountSymbol]?(): SegmentCount;
  /** @since 0.1.0 */
  [getCharBufferSymbol]?(segment: number): SegmentLike;
}

/**
 * A slot's answer as a checked {@link Segment}.
 *
 * @throws BufferError for anything but a segment inside live memory.
 */
export function checkedSegment(value: unknown, exporter: unknown): Segment {
  let memory: unknown;
  let offset: unknown;
  let length: unknown;
  if (ArrayBuffer.isView(value)) {
    // The view's real window, through the built-in getters: its own `buffer`,
    // `byteOffset` or `byteLength` (or a subclass's) would run code and could lie.
    const typed = typedArrayName(value) !== undefined;
    if (isViewWindowGone(value, typed)) {
      throw new BufferError(`${typeName(exporter)} exported a segment whose memory is gone (its view is detached or out of bounds)`);
    }
    memory = viewBuffer(value, typed);
    offset = viewByteOffset(value, typed);
    length = viewByteLength(value, typed);
  } else if (typeof value === "object" && value !== null) {
    ({ memory, offset, length } = value as Partial<Segment>);
  } else {
    throw new BufferError(`${typeName(exporter)} exported an invalid segment: expected a Segment or an ArrayBufferView`);
  }
  if (!isMemoryBlock(memory)) {
    throw new BufferError(`${typeName(exporter)} exported an invalid segment: memory is not an ArrayBuffer or SharedArrayBuffer`);
  }
  if (isDetached(memory)) {
    throw new BufferError(`${typeName(exporter)} exported a segment whose memory is gone: its ArrayBuffer was detached`);
  }
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || (offset as number) < 0 || (length as number) < 0) {
    throw new BufferError(`${typeName(exporter)} exported an invalid segment: offset and length must be non-negative integers`);
  }
  // The block's length through the built-in getter: a `byteLength` of its own would move the bound.
  const blockLength = blockByteLength(memory);
  if ((offset as number) + (length as number) > blockLength) {
    throw new BufferError(
      `${typeName(exporter)} exported an invalid segment: ${length as number} bytes at offset ${offset as number} are outside its memory of ${blockLength} bytes`,
    );
  }
  return { memory, offset: offset as number, length: length as number };
}

/**
 * Checks that a segment's memory is still there: a memory-backed buffer's
 * on every use, and a segment that was checked before other code ran
 * (another object's slot may have detached or shrunk its memory since).
 *
 * @throws BufferError when its memory is gone.
 */
export function assertLiveSegment(segment: Segment): void {
  const { memory, offset, length } = segment;
  if (isDetached(memory)) throw new BufferError("the buffer's memory is gone: its ArrayBuffer was detached");
  const blockLength = blockByteLength(memory);
  if (offset + length > blockLength) {
    throw new BufferError(`the buffer's memory is gone: ${length} bytes at offset ${offset} are outside its memory, now ${blockLength} bytes`);
  }
}

/** The bytes of a checked segment, as a view (not a copy). */
export function segmentBytes(segment: Segment): Uint8Array {
  return new Uint8Array(segment.memory, segment.offset, segment.length);
}
