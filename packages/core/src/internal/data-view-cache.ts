/**
 * One DataView and one Uint8Array per memory block, reused: constructing a
 * view costs about as much as unpacking a small struct, or as a tenth of
 * copying 1 KB (V8), while a WeakMap lookup is cheap. A view made without a
 * length tracks a resizable or growable buffer, so a cached one stays valid
 * as the memory changes size; callers check the bounds they need before
 * reading.
 *
 * @module
 */

import { BufferError, PyTypeError } from "../errors/python-errors.ts";
import type { MemoryBlock } from "../protocol/buffer-record.ts";
import { isMemoryBlock } from "../protocol/builtin-exporters.ts";
import { pythonTypeName } from "./python-type-name.ts";

/**
 * A getter of the one `View` over each whole block. What is not a block is
 * refused before a view is made (`new Uint8Array(x)` would copy an array-like).
 *
 * @throws PyTypeError for anything but an ArrayBuffer or SharedArrayBuffer.
 * @throws BufferError when the block was detached before a view of it was
 * ever made (every path that reads through a cache meets the same error,
 * PIL walks included, rather than the view constructor's TypeError).
 */
function wholeBlockViews<View>(make: (memory: MemoryBlock) => View): (memory: MemoryBlock) => View {
  const views = new WeakMap<MemoryBlock, View>();
  return (memory) => {
    let view = views.get(memory);
    if (view === undefined) {
      if (!isMemoryBlock(memory)) throw new PyTypeError(`expected an ArrayBuffer or SharedArrayBuffer, not '${pythonTypeName(memory)}'`);
      try {
        view = make(memory);
      } catch {
        throw new BufferError("the buffer's memory is gone: its ArrayBuffer was detached");
      }
      views.set(memory, view);
    }
    return view;
  };
}

/** A DataView over the whole of `memory` (see {@link wholeBlockViews} for its error). */
export const dataViewOf: (memory: MemoryBlock) => DataView = wholeBlockViews((memory) => new DataView(memory));

/** A Uint8Array over the whole of `memory` (see {@link wholeBlockViews} for its error). */
export const bytesViewOf: (memory: MemoryBlock) => Uint8Array = wholeBlockViews((memory) => new Uint8Array(memory));
