/**
 * The ways to make a legacy buffer: Python's `buffer()` and the C API's
 * `PyBuffer_FromObject`, `PyBuffer_FromReadWriteObject`,
 * `PyBuffer_FromMemory`, `PyBuffer_FromReadWriteMemory` and `PyBuffer_New`.
 *
 * @module
 */

import type { MemoryBlock } from "@pybuffer/core";
import { parseSsizeArgument } from "../internal/ssize.ts";
import { memoryState, newBufferState, objectState } from "./construction.ts";
import { bufferOfState, LegacyBuffer, type IntegerArgument } from "./legacy-buffer.ts";
import { END_OF_BUFFER } from "./state.ts";

/**
 * Python's `buffer(object[, offset[, size]])`: a read-only window on
 * `object` (see {@link LegacyBuffer}'s constructor for every rule).
 *
 * @example
 * ```ts
 * import { buffer } from "@pybuffer/legacy-buffer";
 * const b = buffer(new Uint8Array([1, 2, 3, 4]), 1, 2);
 * [b.length, b.readonly]; // [2, true]
 * buffer(b, 1).toBytes(); // Uint8Array [3]: collapsed onto the Uint8Array, offset 2, size 1
 * ```
 *
 * @since 0.1.0
 */
export function buffer(...args: [object: unknown, offset?: IntegerArgument, size?: IntegerArgument]): LegacyBuffer {
  return new LegacyBuffer(...args);
}

/**
 * `PyBuffer_FromObject(base, offset, size)`: the same as {@link buffer}
 * (read-only), with `offset` 0 and `size` -1 by default.
 *
 * @throws PyTypeError "buffer object expected" (no read or segment-count slot).
 * @throws ValueError "offset must be zero or positive", "size must be zero or positive".
 * @example
 * ```ts
 * import { fromObject } from "@pybuffer/legacy-buffer";
 * fromObject(new Uint8Array(8), 4).length; // 4
 * ```
 *
 * @since 0.1.0
 */
export function fromObject(base: unknown, offset: IntegerArgument = 0, size: IntegerArgument = END_OF_BUFFER): LegacyBuffer {
  return bufferOfState(objectState(base, parseSsizeArgument(offset), parseSsizeArgument(size), true));
}

/**
 * `PyBuffer_FromReadWriteObject(base, offset, size)`: a read-write window.
 * The base needs a write slot (a new-protocol exporter has one; a string's
 * always refuses, so every later operation fails) and a segment-count slot.
 * Reads go through the base's write slot too. Over a read-only buffer it
 * collapses onto that buffer's base and is writable (as in CPython).
 *
 * @throws PyTypeError "buffer object expected".
 * @throws ValueError "offset must be zero or positive", "size must be zero or positive".
 * @example
 * ```ts
 * import { fromReadWriteObject } from "@pybuffer/legacy-buffer";
 * const bytes = new Uint8Array(4);
 * fromReadWriteObject(bytes, 2).set(0, new Uint8Array([5])); // bytes: [0, 0, 5, 0]
 * ```
 *
 * @since 0.1.0
 */
export function fromReadWriteObject(
  base: unknown,
  offset: IntegerArgument = 0,
  size: IntegerArgument = END_OF_BUFFER,
): LegacyBuffer {
  return bufferOfState(objectState(base, parseSsizeArgument(offset), parseSsizeArgument(size), false));
}

/**
 * `PyBuffer_FromMemory(ptr, size)`: a read-only buffer over `size` bytes at
 * byte offset `offset` of `memory`, with no base object. Its window is never
 * clamped: if the memory is detached or shrinks below it, every operation
 * raises BufferError. Unlike 2.7, a size of -1 is refused.
 *
 * @throws ValueError "size must be zero or positive"; a window outside the block.
 * @example
 * ```ts
 * import { bufferFromMemory } from "@pybuffer/legacy-buffer";
 * const memory = new Uint8Array([1, 2, 3, 4]).buffer;
 * bufferFromMemory(memory, 1, 2).toBytes(); // Uint8Array [2, 3]
 * ```
 *
 * @since 0.1.0
 */
export function bufferFromMemory(memory: MemoryBlock, offset: IntegerArgument, size: IntegerArgument): LegacyBuffer {
  return bufferOfState(memoryState(memory, offset, size, true));
}

/**
 * `PyBuffer_FromReadWriteMemory(ptr, size)`: {@link bufferFromMemory}, writable.
 *
 * @example
 * ```ts
 * import { bufferFromReadWriteMemory } from "@pybuffer/legacy-buffer";
 * const memory = new ArrayBuffer(4);
 * bufferFromReadWriteMemory(memory, 0, 4).set(3, new Uint8Array([1]));
 * new Uint8Array(memory); // Uint8Array [0, 0, 0, 1]
 * ```
 *
 * @since 0.1.0
 */
export function bufferFromReadWriteMemory(memory: MemoryBlock, offset: IntegerArgument, size: IntegerArgument): LegacyBuffer {
  return bufferOfState(memoryState(memory, offset, size, false));
}

/**
 * `PyBuffer_New(size)`: a read-write buffer over `size` new bytes, zeroed
 * (2.7's were uninitialised).
 *
 * @throws ValueError "size must be zero or positive".
 * @throws MemoryError when the memory cannot be had.
 * @example
 * ```ts
 * import { newBuffer } from "@pybuffer/legacy-buffer";
 * newBuffer(3).toBytes(); // Uint8Array [0, 0, 0]
 * ```
 *
 * @since 0.1.0
 */
export function newBuffer(size: IntegerArgument): LegacyBuffer {
  return bufferOfState(newBufferState(size));
}
