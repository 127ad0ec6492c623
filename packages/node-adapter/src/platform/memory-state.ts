/**
 * Whether memory is still there. JavaScript cannot veto `resize()`,
 * `transfer()` or `WebAssembly.Memory#grow()`, and a TypedArray over memory
 * that went away reads as empty and drops writes without a word, so every
 * access in this package first asks this question and fails clearly.
 *
 * @module
 */

import { BufferError, isDetached, type MemoryBlock } from "@pybuffer/core";
import { blockByteLength } from "@pybuffer/core/internal";

/**
 * The BufferError for `subject` (say "the region", "the buffer") whose bytes
 * up to `end` are no longer inside `memory`.
 */
export function memoryGoneError(memory: MemoryBlock, end: number, subject: string): BufferError {
  if (isDetached(memory)) {
    return new BufferError(`${subject}'s memory is gone: its ArrayBuffer was detached (transferred, or a WebAssembly.Memory grew)`);
  }
  return new BufferError(
    `${subject}'s memory is gone: it was resized to ${blockByteLength(memory)} bytes, below the ${end} bytes the items reach`,
  );
}

/** Throws {@link memoryGoneError} unless the first `end` bytes of `memory` exist. */
export function assertMemoryReaches(memory: MemoryBlock, end: number, subject: string): void {
  if (end > blockByteLength(memory) || (end === 0 && isDetached(memory))) throw memoryGoneError(memory, end, subject);
}
