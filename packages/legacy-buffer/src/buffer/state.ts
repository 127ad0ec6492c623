/**
 * `PyBufferObject`: the stored state of a legacy buffer, and `get_buf`, the
 * window resolution every operation runs first (Objects/bufferobject.c: get_buf). Nothing is
 * pinned: the base's slots are asked again each time, so a base that shrinks,
 * grows or closes is seen at once.
 *
 * @module
 */

import { PyTypeError, type MemoryBlock } from "@pybuffer/core";
import type { Ssize } from "../internal/ssize.ts";
import { assertLiveSegment, type Segment } from "../protocol/segment.ts";
import { segmentCount, type SlotTable } from "../protocol/slots.ts";

/** `b_size` meaning "to the end of the base" (`Py_END_OF_BUFFER`). */
export const END_OF_BUFFER = -1;

/** A buffer's state. Object-backed buffers have a base; memory-backed ones a memory block. */
export interface BufferState {
  /** `b_base`: the exporter, or `null` for a memory-backed buffer. */
  readonly base: object | string | null;
  /** The base's slots, looked up once (a C type's slots never change). */
  readonly slots: SlotTable | null;
  /** Memory-backed: the block, and `b_ptr` as a byte offset in it. */
  readonly memory: MemoryBlock | null;
  readonly pointer: number;
  /** `b_offset` (0 when memory-backed). */
  readonly offset: Ssize;
  /** `b_size`, or -1 for "to the end". */
  readonly size: Ssize;
  readonly readonly: boolean;
  /** `b_hash`: undefined until computed, then kept. */
  hash: bigint | undefined;
  /** The window's bytes once found stable (stable-window.ts), `null` when it can move; undefined until looked for. */
  stable: Uint8Array | null | undefined;
}

/** Which of the base's slots a window is read through. */
export type WindowKind = "read" | "write" | "char" | "any";

const KIND_NAMES: Record<WindowKind, string> = { read: "read", write: "write", char: "char", any: "no" };

/**
 * `get_buf(self, kind)`: the buffer's current window.
 *
 * @throws PyTypeError "single-segment buffer object expected" when the base
 * does not report exactly one segment (a failing count included), "X buffer
 * type not available" for a missing slot; the base's own errors; BufferError
 * when a memory-backed buffer's memory is gone.
 */
export function resolveWindow(state: BufferState, kind: WindowKind): Segment {
  if (state.base === null) return memoryWindow(state);
  const slots = state.slots;
  if (slots === null || segmentCount(slots) !== 1) throw new PyTypeError("single-segment buffer object expected");
  const slot =
    kind === "read" || (kind === "any" && state.readonly)
      ? slots.read
      : kind === "write" || kind === "any"
        ? slots.write
        : slots.char;
  if (slot === undefined) throw new PyTypeError(`${KIND_NAMES[kind]} buffer type not available`);
  const segment = slot(0);
  const count = segment.length;
  const offset = state.offset > count ? count : Number(state.offset);
  let size = state.size === END_OF_BUFFER ? count : state.size;
  if (size > count - offset) size = count - offset;
  if (offset === 0 && size === count) return segment; // the whole segment (`buffer(x)`): no second object
  return { memory: segment.memory, offset: segment.offset + offset, length: Number(size) };
}

/** A memory-backed buffer's window: never clamped; memory that is gone is an error. */
function memoryWindow(state: BufferState): Segment {
  const window = { memory: state.memory!, offset: state.pointer, length: Number(state.size) };
  assertLiveSegment(window);
  return window;
}
