/**
 * One DataView per memory block, reused: constructing a DataView costs about
 * as much as unpacking a small struct (V8), while a WeakMap lookup is cheap.
 * A DataView made without a length tracks a resizable or growable buffer, so
 * the cached one stays valid as the memory changes size; callers check the
 * bounds they need before reading.
 *
 * @module
 */

import { BufferError } from "../errors/python-errors.ts";
import type { MemoryBlock } from "../protocol/buffer-record.ts";

const views = new WeakMap<MemoryBlock, DataView>();

/**
 * A DataView over the whole of `memory`.
 *
 * @throws BufferError when `memory` was detached before a view of it was
 * ever made (every path that reads through this cache meets the same error,
 * PIL walks included, rather than the DataView constructor's TypeError).
 */
export function dataViewOf(memory: MemoryBlock): DataView {
  let view = views.get(memory);
  if (view === undefined) {
    try {
      view = new DataView(memory);
    } catch {
      throw new BufferError("the buffer's memory is gone: its ArrayBuffer was detached");
    }
    views.set(memory, view);
  }
  return view;
}
