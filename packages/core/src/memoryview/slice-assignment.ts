/**
 * `m[key] = exporter` for slice keys (`memory_ass_sub` in
 * Objects/memoryobject.c, with `copy_single`): the rvalue must have the
 * same structure (format, itemsize, shape up to a zero extent); the copy is
 * overlap-safe, and the view never resizes. Also the fast path for the
 * commonest case, a TypedArray onto a run of contiguous items.
 *
 * @module
 */

import { ValueError } from "../errors/python-errors.ts";
import type { Slice } from "../indexing/slice.ts";
import { adjustSliceIndices, unpackSlice } from "../indexing/slice.ts";
import { sameShapeUpToZero } from "../internal/shape.ts";
import { isSharedArrayBuffer, typedArrayFormat } from "../protocol/builtin-exporters.ts";
import { isContiguous } from "../protocol/contiguity.ts";
import { fromContiguous, toContiguous } from "../protocol/contiguous-copy.ts";
import { BufferFlags } from "../protocol/flags.ts";
import { acquireBuffer, releaseBuffer } from "../protocol/get-buffer.ts";
import { assertLiveMemory } from "../protocol/live-memory.ts";
import { copyItems, WordViews } from "../protocol/item-copy.ts";
import { getBufferSymbol } from "../protocol/symbols.ts";
import type { AbiProfile } from "../format/abi.ts";
import type { MemoryBlock } from "../protocol/buffer-record.ts";
import { withoutNativePrefix } from "./item-format.ts";
import { layoutOfRecord, recordOfLayout, type ViewLayout } from "./view-layout.ts";

/** Where {@link typedArraySlice} found a TypedArray's items go: from item `start`, every `step` items. */
export interface SliceTarget {
  readonly start: number;
  readonly step: number;
}

/** Every item, from the first. */
const WHOLE: SliceTarget = Object.freeze({ start: 0, step: 1 });

/**
 * `m[a:b:c] = typedArray` on a 1-D view of plain strided items, without the
 * protocol round trip (a built-in's answer is known, as for `y*`
 * arguments): where the items go, or null for anything else, or any
 * mismatch, which {@link assignSlice} then takes and raises for, so the
 * rules and their order stay CPython's. An empty or cut-off TypedArray
 * (whose buffer might be gone) is never taken here, so its BufferError
 * still comes first. The caller copies with {@link copyRun} or
 * {@link scatterRun}.
 */
export function typedArraySlice(layout: ViewLayout, abi: AbiProfile, value: unknown, key: Slice): SliceTarget | null {
  // A PIL view's items sit behind pointers, even when its stride equals the item size.
  if (layout.suboffsets !== null || layout.exactStrides !== null) return null;
  if (!ArrayBuffer.isView(value) || getBufferSymbol in value) return null;
  const source = value as ArrayBufferView & { readonly length?: number; readonly BYTES_PER_ELEMENT?: number };
  const format = typedArrayFormat(source);
  if (format === undefined || !source.length || source.BYTES_PER_ELEMENT !== layout.itemsize) return null;
  if (withoutNativePrefix(layout.format) !== format) return null;
  // `[:]`: what unpackSlice and adjustSliceIndices give for three None bounds, without their arrays.
  if (key.start == null && key.stop == null && key.step == null) return layout.shape[0] === source.length ? WHOLE : null;
  const [first, stop, step] = unpackSlice(key, abi.ssizeMax);
  const [start, , , count] = adjustSliceIndices(layout.shape[0]!, first, stop, step);
  return count === source.length ? { start, step } : null;
}

/**
 * Copies a TypedArray's bytes to byte `offset` of `memory` (a run
 * {@link typedArraySlice} accepted with step 1). TypedArray#set copies
 * through a temporary when the memory overlaps.
 */
export function copyRun(memory: MemoryBlock, offset: number, source: ArrayBufferView): void {
  new Uint8Array(memory, offset, source.byteLength).set(new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
}

/**
 * Writes a TypedArray's items of `itemsize` bytes to `memory` from byte
 * `offset` on, `stride` bytes apart (any sign), a word at a time. A source
 * in the same memory is copied first, so overlap reads the original items.
 */
export function scatterRun(memory: MemoryBlock, offset: number, stride: number, source: ArrayBufferView, itemsize: number): void {
  const apart = source.buffer !== memory && !(isSharedArrayBuffer(source.buffer) && isSharedArrayBuffer(memory));
  const items = apart ? source : new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice();
  const count = source.byteLength / itemsize;
  copyItems(new WordViews(items.buffer), items.byteOffset, itemsize, new WordViews(memory), offset, stride, count, itemsize);
}

/**
 * Slice assignment: same format (one '@' stripped each), itemsize and shape
 * up to a zero extent. The rvalue's buffer is taken before the key is
 * looked at (`targetOf` slices), as in CPython, so a list rvalue is the
 * first error. `live` gives the view's memory block now (a grown
 * WebAssembly.Memory's current one) and raises when the memory is gone.
 */
export function assignSlice(abi: AbiProfile, value: unknown, targetOf: () => ViewLayout, live: () => MemoryBlock): void {
  const source = acquireBuffer(value, BufferFlags.FULL_RO, { abi: abi.name }, { keptPrivate: true });
  try {
    const target = targetOf();
    const sourceLayout = layoutOfRecord(source);
    const sameStructure =
      withoutNativePrefix(target.format) === withoutNativePrefix(sourceLayout.format) &&
      target.itemsize === sourceLayout.itemsize &&
      target.ndim === sourceLayout.ndim &&
      sameShapeUpToZero(target.shape, sourceLayout.shape);
    if (!sameStructure) throw new ValueError("memoryview assignment: lvalue and rvalue have different structures");
    const memory = live();
    if (target.len === 0) return;
    if (isContiguous(target, "C") && target.suboffsets === null && isContiguous(source, "C")) {
      assertLiveMemory(source, abi);
      // One copy; TypedArray#set copies through a temporary when the memory overlaps.
      new Uint8Array(memory).set(new Uint8Array(source.memory, source.buf, source.len), target.buf);
      return;
    }
    // A C-contiguous source in other memory is scattered as it lies; otherwise
    // gathering it first makes overlapping memory safe. (Two SharedArrayBuffer
    // objects may be one block, as a grown shared WebAssembly.Memory gives.)
    const apart = source.memory !== memory && !(isSharedArrayBuffer(source.memory) && isSharedArrayBuffer(memory));
    const items =
      apart && isContiguous(source, "C")
        ? (assertLiveMemory(source, abi), new Uint8Array(source.memory, source.buf, source.len))
        : toContiguous(source, "C", undefined, { abi: abi.name });
    fromContiguous(recordOfLayout(target, abi.name), items, "C");
  } finally {
    releaseBuffer(source);
  }
}
