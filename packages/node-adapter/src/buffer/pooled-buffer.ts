/**
 * Node's Buffer pool. `Buffer.from(string)`, `Buffer.allocUnsafe(n)` for
 * small `n` and `Buffer.from(typedArray)` carve their bytes out of one shared
 * slab (8 KiB on Node 20 and 22, 64 KiB from Node 24), next to unrelated
 * data. Such a Buffer must be exported as exactly its window, and its
 * ArrayBuffer must never be detached: on Node 22 `transfer()` of the slab
 * breaks every later pooled allocation in the process, and on Node 20 and 22
 * so does enqueueing a pooled Buffer into a byte `ReadableStream`.
 *
 * @module
 */

import { BufferError, PyTypeError } from "@pybuffer/core";
import { blockByteLength, isViewWindowGone, pythonTypeName, typedArrayName, viewBuffer, viewByteLength } from "@pybuffer/core/internal";

/** `ArrayBuffer.isView`, which never throws: a Proxy of a view is not one. */
const isView = (value: unknown): value is ArrayBufferView => {
  try {
    return ArrayBuffer.isView(value);
  } catch {
    return false;
  }
};

/**
 * Whether `view` covers only part of its ArrayBuffer, as a pooled Buffer
 * does. Node documents no exact test (nodejs/node#33252): this one is also
 * true for any window onto a larger buffer, which deserves the same care.
 *
 * @example
 * ```ts
 * import { isPooledBuffer } from "@pybuffer/node-adapter";
 * isPooledBuffer(Buffer.from("hi"));   // true: a window on the shared slab
 * isPooledBuffer(Buffer.alloc(16));    // false: its own ArrayBuffer
 * ```
 * @throws PyTypeError for anything but an ArrayBufferView (a brand check: none of its code runs).
 * @throws BufferError when the view's memory was detached or resized below its window.
 *
 * @since 0.1.0
 */
export function isPooledBuffer(view: ArrayBufferView): boolean {
  if (!isView(view)) throw new PyTypeError(`isPooledBuffer() argument must be an ArrayBufferView, not '${pythonTypeName(view)}'`);
  // The built-in getters: a view's own `byteLength` or `buffer` may lie.
  const typed = typedArrayName(view) !== undefined;
  if (isViewWindowGone(view, typed)) {
    throw new BufferError("isPooledBuffer() argument's memory is gone: its ArrayBuffer was detached or resized below the view");
  }
  return viewByteLength(view, typed) !== blockByteLength(viewBuffer(view, typed));
}
