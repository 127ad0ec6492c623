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
import { getBufferSymbol } from "../protocol/symbols.ts";
import type { AbiProfile } from "../format/abi.ts";
import type { MemoryBlock } from "../protocol/buffer-record.ts";
import { withoutNativePrefix } from "./item-format.ts";
import { layoutOfRecord, recordOfLayout, type ViewLayout } from "./view-layout.ts";

/**
 * `m[a:b] = typedArray` onto a run of contiguous items, without the protocol
 * round trip (a built-in's answer is known, as for `y*` arguments). Anything
 * else, or any mismatch, is left to {@link assignSlice}, which raises the
 * errors, so the rules and their order stay CPython's: an empty or cut-off
 * TypedArray (whose buffer might be gone) is never taken here, so its
 * BufferError still comes first. Whether it assigned.
 *
 * `live` gives the view's memory block now (a grown WebAssembly.Memory's
 * current one) and raises when the memory is gone.
 */
export function assignTypedArrayRun(layout: ViewLayout, abi: AbiProfile, value: unknown, key: Slice, live: () => MemoryBlock): boolean {
  // A PIL view's items sit behind pointers, even when its stride equals the item size.
  if (layout.suboffsets !== null || layout.strides[0] !== layout.itemsize) return false;
  if (!ArrayBuffer.isView(value) || getBufferSymbol in value) return false;
  const source = value as ArrayBufferView & { readonly length?: number; readonly BYTES_PER_ELEMENT?: number };
  const format = typedArrayFormat(source);
  if (format === undefined || !source.length || source.BYTES_PER_ELEMENT !== layout.itemsize) return false;
  if (withoutNativePrefix(layout.format) !== format) return false;
  const [first, stop, step] = unpackSlice(key, abi.ssizeMax);
  const [start, , , count] = adjustSliceIndices(layout.shape[0]!, first, stop, step);
  if (step !== 1 || count !== source.length) return false;
  const memory = live();
  // TypedArray#set copies through a temporary when the memory overlaps.
  new Uint8Array(memory, layout.buf + start * layout.itemsize, source.byteLength).set(
    new Uint8Array(source.buffer, source.byteOffset, source.byteLength),
  );
  return true;
}

/**
 * Slice assignment: same format (one '@' stripped each), itemsize and shape
 * up to a zero extent. The rvalue's buffer is taken before the key is
 * looked at (`targetOf` slices), as in CPython, so a list rvalue is the
 * first error. `live` is as for {@link assignTypedArrayRun}.
 */
export function assignSlice(abi: AbiProfile, value: unknown, targetOf: () => ViewLayout, live: () => MemoryBlock): void {
  const source = acquireBuffer(value, BufferFlags.FULL_RO, { abi: abi.name });
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
