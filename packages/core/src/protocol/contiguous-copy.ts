/**
 * Copies between buffers and contiguous bytes: `PyBuffer_ToContiguous`,
 * `PyBuffer_FromContiguous` and `PyObject_CopyData` (`Objects/abstract.c`),
 * with C's undefined behaviour turned into clear errors.
 *
 * @module
 */

import { BufferError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { bytesToOverwrite, copyOfBlockRange } from "../internal/fresh-bytes.ts";
import { abiProfile } from "../format/abi.ts";
import type { BufferRecord } from "./buffer-record.ts";
import { fillContiguousStrides, isContiguous, type ContiguityOrder } from "./contiguity.ts";
import { BufferFlags } from "./flags.ts";
import { fullLayout, type FullLayout } from "./full-layout.ts";
import { checkBuffer, getBuffer, releaseBuffer, type GetBufferOptions } from "./get-buffer.ts";
import { assertLiveMemory } from "./live-memory.ts";
import { copyItems, WordViews } from "./item-copy.ts";
import { forEachRow, forEachRowPair } from "./strided-walk.ts";

function assertOrder(order: string): asserts order is ContiguityOrder {
  if (order !== "C" && order !== "F" && order !== "A") throw new ValueError("order must be 'C', 'F' or 'A'");
}

/** A byte view over the whole memory block (length-tracking for resizable buffers). */
function bytesOf(view: BufferRecord): Uint8Array {
  return new Uint8Array(view.memory);
}

/**
 * Copies every item of `view` into `target` in `order`, starting at byte 0.
 * The walk order is C for 'C' and 'A', F for 'F'.
 */
function gather(view: BufferRecord, walkOrder: "C" | "F", target: Uint8Array, options: GetBufferOptions): void {
  const { itemsize } = view;
  if (gatherReversed(view, target)) return;
  const from = new WordViews(view.memory);
  const to = new WordViews(target.buffer);
  if (view.ndim === 1 && view.suboffsets === null) {
    // One row, as the walk below would hand it over, without setting the walk up.
    const count = view.shape?.[0] ?? Math.floor(view.len / itemsize);
    copyItems(from, view.buf, view.strides?.[0] ?? itemsize, to, target.byteOffset, itemsize, count, itemsize);
    return;
  }
  const layout = fullLayout(view);
  const transposing = layout.ndim > 1 && layout.suboffsets === null && !layout.shape.includes(0);
  if (transposing && longerRows(layout, walkOrder === "C" ? "F" : "C", walkOrder)) {
    // Fewer, longer rows: walk the source in the other order and place each
    // row at its target positions (a 2-D transpose of [10, 100] then copies
    // 10 rows of 100 items, not 100 rows of 10).
    const targetStrides = fillContiguousStrides(layout.shape, itemsize, walkOrder);
    forEachRowPair(layout, targetStrides, target.byteOffset, walkOrder === "C" ? "F" : "C", (start, count, stride, at, step) => {
      copyItems(from, start, stride, to, at, step, count, itemsize);
    });
    return;
  }
  let position = target.byteOffset;
  forEachRow(view.memory, layout, walkOrder, abiProfile(view.abi ?? options.abi), (start, count, stride) => {
    copyItems(from, start, stride, to, position, itemsize, count, itemsize);
    position += count * itemsize;
  });
}

/** Whether the rows of `layout` walked in `order` are longer than walked in `than`. */
function longerRows(layout: FullLayout, order: "C" | "F", than: "C" | "F"): boolean {
  const inner = (walk: "C" | "F"): number => layout.shape[walk === "C" ? layout.ndim - 1 : 0]!;
  return inner(order) > inner(than);
}

/** Integer TypedArrays by element size: their `reverse` moves whole items, bit for bit. */
const WHOLE_ITEMS: Readonly<Record<number, new (buffer: ArrayBufferLike, byteOffset: number, length: number) => { reverse(): unknown }>> = {
  1: Uint8Array,
  2: Uint16Array,
  4: Uint32Array,
  8: BigUint64Array,
};

/**
 * A 1-D run of items in reverse (`m[::-1]`, stride `-itemsize`): one bulk
 * copy of the bytes as they lie and one in-place reverse of whole items,
 * both native loops, in place of an item-by-item walk. False when the view
 * is not such a run or the items are not 1, 2, 4 or 8 bytes on an aligned target.
 */
function gatherReversed(view: BufferRecord, target: Uint8Array): boolean {
  const { itemsize } = view;
  const Items = WHOLE_ITEMS[itemsize];
  if (view.ndim !== 1 || view.strides === null || view.strides[0] !== -itemsize || view.suboffsets !== null) return false;
  if (Items === undefined || target.byteOffset % itemsize !== 0) return false;
  const lowest = view.buf - (view.len - itemsize);
  target.set(new Uint8Array(view.memory, lowest, view.len));
  new Items(target.buffer, target.byteOffset, view.len / itemsize).reverse();
  return true;
}

/** `PyBuffer_ToContiguous` on a sound record; the public, checked entry is in arguments/c-api-helpers.ts. */
export function toContiguous(
  view: BufferRecord,
  order: ContiguityOrder = "C",
  target?: Uint8Array,
  options: GetBufferOptions = {},
): Uint8Array {
  assertOrder(order);
  if (target !== undefined && target.length !== view.len) throw new ValueError("PyBuffer_ToContiguous: len != view->len");
  assertLiveMemory(view, abiProfile(view.abi ?? options.abi));
  if (isContiguous(view, order)) {
    if (view.len === 0) return target ?? new Uint8Array(0); // an empty view's start may lie anywhere
    if (target === undefined) return copyOfBlockRange(view.memory, view.buf, view.len);
    target.set(new Uint8Array(view.memory, view.buf, view.len));
    return target;
  }
  // gather writes every item, so every byte of a fresh result.
  const result = target ?? bytesToOverwrite(view.len);
  gather(view, order === "F" ? "F" : "C", result, options);
  return result;
}

/** `PyBuffer_FromContiguous` on a sound record; the public, checked entry is in arguments/c-api-helpers.ts. */
export function fromContiguous(
  view: BufferRecord,
  source: Uint8Array,
  order: ContiguityOrder = "C",
  options: GetBufferOptions = {},
): void {
  assertOrder(order);
  if (view.readonly) throw new BufferError("fromContiguous: the buffer is read-only");
  assertLiveMemory(view, abiProfile(view.abi ?? options.abi));
  const length = Math.min(source.length, view.len);
  const target = bytesOf(view);
  if (isContiguous(view, order)) {
    target.set(source.subarray(0, length), view.buf);
    return;
  }
  const { itemsize } = view;
  let remaining = Math.floor(length / itemsize);
  let position = source.byteOffset;
  const from = new WordViews(source.buffer);
  const to = new WordViews(view.memory);
  forEachRow(view.memory, fullLayout(view), order === "F" ? "F" : "C", abiProfile(view.abi ?? options.abi), (start, count, stride) => {
    const items = Math.min(count, remaining);
    if (items <= 0) return;
    copyItems(from, position, itemsize, to, start, stride, items, itemsize);
    position += items * itemsize;
    remaining -= items;
  });
}

/**
 * `PyObject_CopyData(dest, src)`: copies the items of exporter `src` into
 * exporter `dest`. Both C-contiguous or both Fortran-contiguous: a raw copy
 * of `src.len` bytes (a longer `dest` keeps its tail). Otherwise item by item
 * over `src`'s shape, at the same index in `dest`. Overlapping memory is safe.
 *
 * @throws PyTypeError "both destination and source must be bytes-like objects".
 * @throws BufferError "Object is not writable." for a read-only `dest`, or
 * "destination is too small to receive data from source".
 * @throws ValueError when an item-by-item copy meets different dimensions or
 * item sizes (undefined behaviour in C).
 * @example
 * ```ts
 * import { copyData } from "@pybuffer/core";
 * const dest = new Uint8Array(4);
 * copyData(dest, new Uint8Array([1, 2, 3])); // dest: [1, 2, 3, 0]
 * ```
 *
 * @since 0.1.0
 */
export function copyData(dest: unknown, src: unknown, options: GetBufferOptions = {}): void {
  if (!checkBuffer(dest) || !checkBuffer(src)) {
    throw new PyTypeError("both destination and source must be bytes-like objects");
  }
  const to = getBuffer(dest, BufferFlags.FULL, options);
  try {
    const from = getBuffer(src, BufferFlags.FULL_RO, options);
    try {
      copyRecords(to, from, options);
    } finally {
      releaseBuffer(from);
    }
  } finally {
    releaseBuffer(to);
  }
}

function copyRecords(to: BufferRecord, from: BufferRecord, options: GetBufferOptions): void {
  if (to.len < from.len) throw new BufferError("destination is too small to receive data from source");
  if ((isContiguous(to, "C") && isContiguous(from, "C")) || (isContiguous(to, "F") && isContiguous(from, "F"))) {
    assertLiveMemory(from, abiProfile(from.abi ?? options.abi));
    assertLiveMemory(to, abiProfile(to.abi ?? options.abi));
    // TypedArray#set copies as if through a temporary when the memory overlaps.
    bytesOf(to).set(bytesOf(from).subarray(from.buf, from.buf + from.len), to.buf);
    return;
  }
  const toShape = fullLayout(to).shape;
  const fromShape = fullLayout(from).shape;
  if (to.itemsize !== from.itemsize || toShape.length !== fromShape.length || fromShape.some((n, i) => n > toShape[i]!)) {
    throw new ValueError(
      `copyData: cannot copy items of shape (${fromShape.join(", ")}) and itemsize ${from.itemsize} ` +
        `into shape (${toShape.join(", ")}) and itemsize ${to.itemsize}`,
    );
  }
  // Gather the source first, so overlapping memory reads the original items.
  const items = toContiguous(from, "C", undefined, options);
  const sameShape = fromShape.every((n, i) => n === toShape[i]);
  if (sameShape) {
    fromContiguous(to, items, "C", options);
    return;
  }
  scatterAtSameIndex(to, items, fromShape, options);
}

/** Writes C-ordered `items` of shape `shape` into the same indices of a larger `to`. */
function scatterAtSameIndex(to: BufferRecord, items: Uint8Array, shape: readonly number[], options: GetBufferOptions): void {
  const layout = fullLayout(to);
  const clipped = { ...layout, shape };
  let position = items.byteOffset;
  const { itemsize } = to;
  const source = new WordViews(items.buffer);
  const target = new WordViews(to.memory);
  forEachRow(to.memory, clipped, "C", abiProfile(to.abi ?? options.abi), (start, count, stride) => {
    copyItems(source, position, itemsize, target, start, stride, count, itemsize);
    position += count * itemsize;
  });
}
