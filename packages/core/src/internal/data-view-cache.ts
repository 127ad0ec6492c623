/**
 * One DataView per memory block, reused: constructing a DataView costs about
 * as much as unpacking a small struct (V8), while a WeakMap lookup is cheap.
 * A DataView made without a length tracks a resizable or growable buffer, so
 * the cached one stays valid as the memory changes size; callers check the
 * bounds they need before reading.
 *
 * @module
 */

import type { MemoryBlock } from "../protocol/buffer-record.ts";

const views = new WeakMap<MemoryBlock, DataView>();

/** A DataView over the whole of `memory`. */
export function dataViewOf(memory: MemoryBlock): DataView {
  let view = views.get(memory);
  if (view === undefined) {
    view = new DataView(memory);
    views.set(memory, view);
  }
  return view;
}
