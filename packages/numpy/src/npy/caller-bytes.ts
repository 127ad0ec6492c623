/**
 * A caller's file bytes, read through the view's real window. A program can
 * give a `Uint8Array` (or a subclass) its own `buffer`, `byteOffset`,
 * `byteLength`, `length`, `subarray` or `slice`, or a species that makes
 * other views; read through those, a parser or a zip reader could be led to
 * bytes outside the window it was handed. So the window is taken once by
 * the built-in getters (ECMA-262 23.2.3, `%TypedArray%.prototype`), and
 * everything after reads a plain `Uint8Array` over exactly that window.
 *
 * @module
 */

import { BufferError, PyTypeError } from "@pybuffer/core";
import { isUint8Array, isViewWindowGone, viewBuffer, viewByteLength, viewByteOffset } from "@pybuffer/core/internal";

/**
 * A plain `Uint8Array` over the window of `value`, which must be a
 * `Uint8Array` of any realm (a Node `Buffer` too) whose memory is still
 * there. No byte is copied.
 *
 * @throws PyTypeError `notBytes` for anything else (a DataView, an object with a swapped prototype).
 * @throws BufferError when the memory was detached or resized away from the window.
 */
export function callerBytes(value: unknown, caller: string, notBytes: string): Uint8Array {
  if (!isUint8Array(value)) throw new PyTypeError(notBytes);
  const byteLength = viewByteLength(value, true);
  // A gone window reads as 0 bytes: only then is the longer check needed.
  if (byteLength === 0 && isViewWindowGone(value, true)) {
    throw new BufferError(`${caller}: the bytes' memory is gone (its ArrayBuffer was detached or resized)`);
  }
  return new Uint8Array(viewBuffer(value, true), viewByteOffset(value, true), byteLength);
}
