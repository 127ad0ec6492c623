/**
 * Making a buffer's state: `PyBuffer_FromObject` and
 * `PyBuffer_FromReadWriteObject` (with the collapse of a buffer of a buffer,
 * Objects/bufferobject.c: buffer_new, buffer_from_object), and the
 * memory-backed constructors (buffer_from_memory).
 *
 * @module
 */

import { MemoryError, PyTypeError, ValueError } from "@pybuffer/core";
import { isMemoryBlock } from "@pybuffer/core";
import { blockByteLength } from "@pybuffer/core/internal";
import { big, normalize, parseSsizeArgument, SSIZE_MAX, type Ssize } from "../internal/ssize.ts";
import { slotsOf } from "../protocol/slots.ts";
import { stateOf } from "./registry.ts";
import { END_OF_BUFFER, type BufferState } from "./state.ts";

/**
 * The state of a buffer over `base` (`buffer_from_object`). A read-only
 * buffer needs the base's read and segment-count slots, a read-write one its
 * write and segment-count slots; the segment count itself is not asked for,
 * and the base's data is not touched.
 *
 * @throws PyTypeError "buffer object expected".
 * @throws ValueError "offset must be zero or positive", "size must be zero or positive".
 */
export function objectState(base: unknown, offset: Ssize, size: Ssize, readonly: boolean): BufferState {
  const slots = slotsOf(base);
  if (slots === null || (readonly ? slots.read : slots.write) === undefined || slots.count === undefined) {
    throw new PyTypeError("buffer object expected");
  }
  if (offset < 0) throw new ValueError("offset must be zero or positive");
  let exactOffset = big(offset);
  let exactSize = big(size);
  let finalBase = base as object | string;
  let finalSlots = slots;
  const inner = stateOf(base);
  if (inner !== undefined && inner.base !== null) {
    // Another object-backed buffer: refer to its base, within its *declared* window.
    if (inner.size !== END_OF_BUFFER) {
      let baseSize = big(inner.size) - exactOffset;
      if (baseSize < 0n) baseSize = 0n;
      if (exactSize === -1n || exactSize > baseSize) exactSize = baseSize;
    }
    exactOffset += big(inner.offset);
    // C adds two Py_ssize_t values: past PY_SSIZE_T_MAX the sum wraps negative.
    if (exactOffset > SSIZE_MAX) exactOffset -= 2n ** 64n;
    finalBase = inner.base;
    finalSlots = inner.slots!;
  }
  if (exactSize < 0n && exactSize !== -1n) throw new ValueError("size must be zero or positive");
  if (exactOffset < 0n) throw new ValueError("offset must be zero or positive");
  return {
    base: finalBase,
    slots: finalSlots,
    memory: null,
    pointer: 0,
    offset: normalize(exactOffset),
    size: normalize(exactSize),
    readonly,
    hash: undefined,
    stable: undefined,
  };
}

/**
 * The state of a memory-backed buffer over `size` bytes at `pointer` in
 * `memory`. Unlike `PyBuffer_FromMemory`, a size of -1 is refused (2.7 made
 * a broken object whose `len()` was -1), and the bytes must lie inside the
 * block.
 *
 * @throws PyTypeError when `memory` is not an ArrayBuffer or SharedArrayBuffer.
 * @throws ValueError "size must be zero or positive"; a window outside the block.
 */
export function memoryState(memory: unknown, pointer: unknown, size: unknown, readonly: boolean): BufferState {
  if (!isMemoryBlock(memory)) throw new PyTypeError("memory must be an ArrayBuffer or SharedArrayBuffer");
  const exactSize = parseSsizeArgument(size);
  if (exactSize < 0) throw new ValueError("size must be zero or positive");
  const exactPointer = parseSsizeArgument(pointer);
  if (exactPointer < 0) throw new ValueError("offset must be zero or positive");
  const blockLength = blockByteLength(memory); // never a `byteLength` of its own
  if (big(exactPointer) + big(exactSize) > BigInt(blockLength)) {
    throw new ValueError(
      `${exactSize} bytes at offset ${exactPointer} are outside the memory block of ${blockLength} bytes`,
    );
  }
  return {
    base: null,
    slots: null,
    memory,
    pointer: Number(exactPointer),
    offset: 0,
    size: Number(exactSize),
    readonly,
    hash: undefined,
    stable: undefined,
  };
}

/** `sizeof(PyBufferObject)` on LP64: `PyBuffer_New` refuses sizes that overflow with it. */
const OBJECT_SIZE = 64n;

/**
 * The state of `PyBuffer_New(size)`: zeroed, writable, memory-backed.
 *
 * @throws ValueError "size must be zero or positive".
 * @throws MemoryError when the memory cannot be had.
 */
export function newBufferState(size: unknown): BufferState {
  const exactSize = parseSsizeArgument(size);
  if (exactSize < 0) throw new ValueError("size must be zero or positive");
  if (big(exactSize) > SSIZE_MAX - OBJECT_SIZE) throw new MemoryError("");
  let memory: ArrayBuffer;
  try {
    memory = new ArrayBuffer(Number(exactSize));
  } catch {
    throw new MemoryError("");
  }
  return { base: null, slots: null, memory, pointer: 0, offset: 0, size: Number(exactSize), readonly: false, hash: undefined, stable: undefined };
}
