/**
 * The bytes of a Uint8Array a user handed over (a stream's chunk), taken
 * through the built-in getters (core's view-window helpers), never through
 * the chunk's own `buffer`, `byteOffset`, `length` or `subarray`: a chunk
 * whose subclass or own properties lie cannot make a read reach bytes
 * outside its window, and a chunk whose memory is gone is an error, not an
 * empty read.
 *
 * @module
 */

import { BufferError } from "@pybuffer/core";
import { isViewWindowGone, typedArrayElements, viewBuffer, viewByteOffset } from "@pybuffer/core/internal";

/**
 * A plain Uint8Array over exactly the window of `chunk` (brand-checked
 * with core's `isUint8Array` first), as the built-in getters see it.
 *
 * @throws BufferError when the chunk's memory was detached or resized below its window.
 */
export function chunkWindow(chunk: Uint8Array, subject: string): Uint8Array {
  if (isViewWindowGone(chunk, true)) {
    throw new BufferError(`${subject}'s memory is gone: its ArrayBuffer was detached or resized below the chunk`);
  }
  return new Uint8Array(viewBuffer(chunk, true), viewByteOffset(chunk, true), typedArrayElements(chunk));
}
