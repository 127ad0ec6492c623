/**
 * A record's geometry with CPython's defaults filled in (what `memoryview`
 * and `PyBuffer_ToContiguous` rebuild): a missing shape is `[len / itemsize]`,
 * missing strides are C strides.
 *
 * @module
 */

import type { BufferRecord } from "./buffer-record.ts";
import { fillContiguousStrides } from "./contiguity.ts";

/** Geometry with every field present. */
export interface FullLayout {
  readonly buf: number;
  readonly itemsize: number;
  readonly ndim: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly suboffsets: readonly number[] | null;
}

/** The record's layout with a shape and strides, even when the request left them out. */
export function fullLayout(view: BufferRecord): FullLayout {
  if (view.ndim === 0) {
    return { buf: view.buf, itemsize: view.itemsize, ndim: 0, shape: [], strides: [], suboffsets: null };
  }
  const shape = view.shape ?? [Math.floor(view.len / view.itemsize)];
  return {
    buf: view.buf,
    itemsize: view.itemsize,
    ndim: shape.length,
    shape,
    strides: view.strides ?? fillContiguousStrides(shape, view.itemsize, "C"),
    suboffsets: view.suboffsets,
  };
}
