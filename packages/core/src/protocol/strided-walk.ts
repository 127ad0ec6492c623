/**
 * Visiting every item of a buffer in C or Fortran index order without
 * recursion or per-item allocation: an index odometer over the outer
 * dimensions, handing whole rows of the innermost dimension to the caller.
 * PIL-style buffers dereference their suboffset pointers in dimension order,
 * as `PyBuffer_GetPointer` does.
 *
 * @module
 */

import { BufferError } from "../errors/python-errors.ts";
import type { AbiProfile } from "../format/abi.ts";
import type { MemoryBlock } from "./buffer-record.ts";
import type { FullLayout } from "./full-layout.ts";
import { readPointer } from "./pointers.ts";

/**
 * Receives one row: `count` items, the first at byte `start`, each `stride`
 * bytes after the previous one.
 */
export type RowVisitor = (start: number, count: number, stride: number) => void;

/**
 * Calls `visit` for every row of `layout` in `order` ('C': the last
 * dimension is innermost; 'F': the first). Items arrive in exactly the
 * order a C- or F-ordered copy lists them. A 0-d buffer is one row of one item.
 */
export function forEachRow(
  memory: MemoryBlock,
  layout: FullLayout,
  order: "C" | "F",
  abi: AbiProfile,
  visit: RowVisitor,
): void {
  const { ndim, shape, suboffsets } = layout;
  if (ndim === 0) {
    visit(layout.buf, 1, layout.itemsize);
    return;
  }
  if (shape.includes(0)) return;
  if (suboffsets !== null && suboffsets.some((s) => s >= 0)) {
    forEachIndirectItem(memory, layout, order, abi, visit);
    return;
  }
  forEachRowPair(layout, layout.strides, layout.buf, order, visit);
}

/**
 * Receives one row of a walk over two layouts of one shape: `count` items,
 * the first at byte `start` of the first and `pairedStart` of the second,
 * `stride` and `pairedStride` bytes apart.
 */
export type RowPairVisitor = (start: number, count: number, stride: number, pairedStart: number, pairedStride: number) => void;

/**
 * {@link forEachRow} over a non-PIL, non-empty layout of ndim >= 1 and,
 * index for index, a second geometry of the same shape (`pairedStrides`
 * from `pairedStart`): the rows of a copy between two strided places,
 * walked in `order`. Any order visits every index once; a caller picks the
 * one whose inner rows are longest or closest in memory.
 */
export function forEachRowPair(
  layout: FullLayout,
  pairedStrides: readonly number[],
  pairedStart: number,
  order: "C" | "F",
  visit: RowPairVisitor,
): void {
  const { ndim, shape, strides } = layout;
  const inner = order === "C" ? ndim - 1 : 0;
  const count = shape[inner]!;
  const stride = strides[inner]!;
  const pairedStride = pairedStrides[inner]!;
  // Outer dimensions, most significant first for the order.
  const outer: number[] = [];
  for (let k = 0; k < ndim; k++) if (k !== inner) outer.push(k);
  if (order === "F") outer.reverse();
  const index = new Array<number>(outer.length).fill(0);
  let start = layout.buf;
  let paired = pairedStart;
  for (;;) {
    visit(start, count, stride, paired, pairedStride);
    // Advance the odometer, least significant outer dimension first.
    let level = outer.length - 1;
    for (; level >= 0; level--) {
      const dim = outer[level]!;
      if (++index[level]! < shape[dim]!) {
        start += strides[dim]!;
        paired += pairedStrides[dim]!;
        break;
      }
      start -= strides[dim]! * (shape[dim]! - 1);
      paired -= pairedStrides[dim]! * (shape[dim]! - 1);
      index[level] = 0;
    }
    if (level < 0) return;
  }
}

/** Buffers with suboffsets: each item's address is resolved through the pointers. */
function forEachIndirectItem(
  memory: MemoryBlock,
  layout: FullLayout,
  order: "C" | "F",
  abi: AbiProfile,
  visit: RowVisitor,
): void {
  const { ndim, shape } = layout;
  const index = new Array<number>(ndim).fill(0);
  const dims = Array.from({ length: ndim }, (_, k) => k);
  if (order === "C") dims.reverse(); // least significant first
  for (;;) {
    visit(itemAddress(memory, layout, index, abi), 1, layout.itemsize);
    let level = 0;
    for (; level < ndim; level++) {
      const dim = dims[level]!;
      if (++index[dim]! < shape[dim]!) break;
      index[dim] = 0;
    }
    if (level === ndim) return;
  }
}

/**
 * `PyBuffer_GetPointer`: the byte address of the item at `index`, following
 * suboffset pointers. A pointer that leads outside the memory is an error
 * (C would read wild memory).
 */
export function itemAddress(memory: MemoryBlock, layout: FullLayout, index: readonly number[], abi: AbiProfile): number {
  let pointer = layout.buf;
  const { strides, suboffsets } = layout;
  for (let dim = 0; dim < layout.ndim; dim++) {
    pointer += strides[dim]! * index[dim]!;
    if (suboffsets !== null && suboffsets[dim]! >= 0) {
      const target = readPointer(memory, pointer, abi);
      if (target === null) throw new BufferError(`suboffset pointer at byte ${pointer} is outside the memory block`);
      pointer = target + suboffsets[dim]!;
    }
  }
  return pointer;
}
