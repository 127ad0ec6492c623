/**
 * A view's own geometry (every memoryview owns copies of shape, strides and
 * suboffsets), its contiguity flags, and the O(ndim) transformations that
 * derive one view from another: slicing and the NumPy-style N-d extension.
 *
 * @module
 */

import { IndexError, NotImplementedError, ValueError } from "../errors/python-errors.ts";
import { adjustSliceIndices, clampSliceIndex, exactSliceStep, sliceCount, unpackSlice, type Slice } from "../indexing/slice.ts";
import type { BufferRecord, MemoryBlock } from "../protocol/buffer-record.ts";
import type { AbiName } from "../format/abi.ts";
import { fillContiguousStrides, stridesAreContiguous } from "../protocol/contiguity.ts";
import { CoreRecord } from "../protocol/core-record.ts";
import { MAX_NDIM } from "../protocol/flags.ts";
import type { FullLayout } from "../protocol/full-layout.ts";

/** Geometry of one view, always complete: a shape and strides for every dimension. */
export interface ViewLayout extends FullLayout {
  readonly memory: MemoryBlock;
  readonly len: number;
  readonly readonly: boolean;
  readonly format: string;
  /**
   * The exact `Py_ssize_t` strides when one is past what a double holds
   * (a huge step over at most one item), else null: slicing such a view
   * again multiplies the exact value, as C does.
   */
  readonly exactStrides: readonly bigint[] | null;
}

/** memoryview's internal flags (`_Py_MEMORYVIEW_*`). */
export const LayoutFlags = { C: 0x2, FORTRAN: 0x4, SCALAR: 0x8, PIL: 0x10 } as const;

/**
 * `init_flags`: 0-d is both contiguities; 1-D uses only its one stride (not
 * the len == 0 shortcut, so an empty strided slice is not contiguous);
 * more dimensions use `PyBuffer_IsContiguous`; suboffsets make neither.
 */
export function layoutFlags(layout: ViewLayout): number {
  let flags = 0;
  if (layout.ndim === 0) {
    flags = LayoutFlags.SCALAR | LayoutFlags.C | LayoutFlags.FORTRAN;
  } else if (layout.ndim === 1) {
    if (layout.shape[0] === 1 || layout.strides[0] === layout.itemsize) flags = LayoutFlags.C | LayoutFlags.FORTRAN;
  } else if (layout.len === 0) {
    flags = LayoutFlags.C | LayoutFlags.FORTRAN; // PyBuffer_IsContiguous: an empty buffer is both
  } else {
    if (stridesAreContiguous(layout.shape, layout.strides, layout.itemsize, "C")) flags |= LayoutFlags.C;
    if (stridesAreContiguous(layout.shape, layout.strides, layout.itemsize, "F")) flags |= LayoutFlags.FORTRAN;
  }
  if (layout.suboffsets !== null) flags = (flags | LayoutFlags.PIL) & ~(LayoutFlags.C | LayoutFlags.FORTRAN);
  return flags;
}

/**
 * A view's layout from a record (`init_shape_strides` and friends): format
 * `null` is `"B"`, a missing shape is `[len / itemsize]`, missing strides are C strides.
 *
 * @throws ValueError "memoryview: number of dimensions must not exceed 64".
 */
export function layoutOfRecord(record: BufferRecord): ViewLayout {
  if (record.ndim > MAX_NDIM) throw new ValueError("memoryview: number of dimensions must not exceed 64");
  const ndim = record.ndim;
  const shape = ndim === 0 ? [] : record.shape ? [...record.shape] : [Math.floor(record.len / record.itemsize)];
  const strides = ndim === 0 ? [] : record.strides ? [...record.strides] : fillContiguousStrides(shape, record.itemsize, "C");
  return {
    memory: record.memory,
    buf: record.buf,
    len: record.len,
    itemsize: record.itemsize,
    readonly: record.readonly,
    format: record.format ?? "B",
    ndim,
    shape,
    strides,
    suboffsets: ndim === 0 || record.suboffsets === null ? null : [...record.suboffsets],
    exactStrides: null,
  };
}

/** A record of the layout, without an exporter. */
export function recordOfLayout(layout: ViewLayout, abi: AbiName): BufferRecord {
  const { memory, buf, len, itemsize, readonly, format, ndim, shape, strides, suboffsets } = layout;
  return new CoreRecord(null, memory, buf, len, itemsize, readonly, format, ndim, shape, strides, suboffsets, null, abi);
}

/** `len = product(shape) * itemsize`. */
export function byteLength(shape: readonly number[], itemsize: number): number {
  let length = itemsize;
  for (const extent of shape) length *= extent;
  return length;
}

/**
 * `strides[dim] * step` as CPython computes it in `Py_ssize_t` (`init_slice`
 * in Objects/memoryobject.c): a huge step, which only a view of at most one
 * item can have, wraps around in two's complement. Both factors are taken
 * exactly (the step from the key, the stride from `exactStrides`), so the
 * result is exact wherever a double can hold it. Never -0.
 */
function ssizeProduct(layout: ViewLayout, dim: number, step: number, key: Slice | undefined, ssizeMax = Number.MAX_SAFE_INTEGER): bigint | number {
  const stride = layout.strides[dim]!;
  const product = stride * step;
  // Steps below 2**31 are never clamped, and a product of safe factors is exact while safe.
  if (Math.abs(step) < 2 ** 31 && Math.abs(product) <= ssizeMax) return product + 0;
  const bits = ssizeMax === 2 ** 31 - 1 ? 32 : 64;
  const exactStep = key === undefined ? BigInt(step) : exactSliceStep(key, bits);
  return BigInt.asIntN(bits, (layout.exactStrides?.[dim] ?? BigInt(stride)) * exactStep);
}

/** The strides of a derived layout, and their exact values when one is past 2**53. */
function stridesOf(products: readonly (bigint | number)[]): { strides: number[]; exactStrides: bigint[] | null } {
  const strides = new Array<number>(products.length);
  let wide = false;
  for (let i = 0; i < products.length; i++) {
    const stride = Number(products[i]) + 0;
    strides[i] = stride;
    if (!Number.isSafeInteger(stride)) wide = true;
  }
  return { strides, exactStrides: wide ? products.map((p) => BigInt(p)) : null };
}

/**
 * `buf` moved by `bytes`. Only an empty view can be moved past 2**53 (by a
 * huge stride times -1 or its extent); it reads nothing, so it keeps `buf`
 * rather than an address no double holds.
 */
function movedStart(buf: number, bytes: number): number {
  const moved = buf + bytes;
  return Number.isSafeInteger(moved) ? moved : buf;
}

/** `init_slice` on dimension 0 (CPython's only slicing): moves `buf` even for PIL views. */
export function sliceFirstDimension(layout: ViewLayout, key: Slice, ssizeMax?: number): ViewLayout {
  return plainFirstDimensionSlice(layout, key, ssizeMax ?? Number.MAX_SAFE_INTEGER) ?? sliceFirstDimensionExactly(layout, key, ssizeMax);
}

/** A bound that {@link plainFirstDimensionSlice} takes: None, or an integer within `+-ssizeMax`. */
function isPlainBound(bound: unknown, ssizeMax: number): boolean {
  return bound === null || bound === undefined || (typeof bound === "number" && Number.isSafeInteger(bound) && Math.abs(bound) <= ssizeMax);
}

/**
 * {@link sliceFirstDimensionExactly} for the slices nearly every caller
 * writes (bounds None or integers no clamp touches, a step whose product
 * with the stride stays exact), computed without the arrays that
 * `unpackSlice` and `adjustSliceIndices` return; null for anything else.
 * The same arithmetic: `PySlice_Unpack`'s defaults, then
 * `PySlice_AdjustIndices`'s clamps and count.
 */
function plainFirstDimensionSlice(layout: ViewLayout, key: Slice, ssizeMax: number): ViewLayout | null {
  const { start: rawStart, stop: rawStop, step: rawStep } = key;
  if (layout.exactStrides !== null || !isPlainBound(rawStart, ssizeMax) || !isPlainBound(rawStop, ssizeMax) || !isPlainBound(rawStep, ssizeMax)) {
    return null;
  }
  const step = (rawStep as number | null | undefined) ?? 1;
  const product = layout.strides[0]! * step;
  if (step === 0 || Math.abs(step) >= 2 ** 31 || Math.abs(product) > ssizeMax) return null;
  const length = layout.shape[0]!;
  const first = clampSliceIndex((rawStart as number | null | undefined) ?? (step < 0 ? ssizeMax : 0), length, step);
  const last = clampSliceIndex((rawStop as number | null | undefined) ?? (step < 0 ? -ssizeMax - 1 : ssizeMax), length, step);
  const shape = layout.shape.slice();
  const strides = layout.strides.slice();
  shape[0] = sliceCount(first, last, step);
  strides[0] = product + 0; // never -0
  return withGeometry(layout, movedStart(layout.buf, layout.strides[0]! * first), shape, { strides, exactStrides: null }, layout.suboffsets);
}

/** `init_slice` on dimension 0 for any key: bigint and boolean bounds, clamps, huge steps. */
export function sliceFirstDimensionExactly(layout: ViewLayout, key: Slice, ssizeMax?: number): ViewLayout {
  const [first, stop, step] = unpackSlice(key, ssizeMax);
  const [start, , , count] = adjustSliceIndices(layout.shape[0]!, first, stop, step);
  const shape = layout.shape.slice();
  const products: (bigint | number)[] = layout.exactStrides === null ? layout.strides.slice() : layout.exactStrides.slice();
  shape[0] = count;
  products[0] = ssizeProduct(layout, 0, step, key, ssizeMax);
  return withGeometry(layout, movedStart(layout.buf, layout.strides[0]! * start), shape, stridesOf(products), layout.suboffsets);
}

/**
 * `layout` with a new geometry over the same memory. Spelled out rather than
 * spread: every layout then has one shape in V8, which keeps slicing cheap.
 */
function withGeometry(
  layout: ViewLayout,
  buf: number,
  shape: number[],
  { strides, exactStrides }: { strides: number[]; exactStrides: bigint[] | null },
  suboffsets: readonly number[] | null,
): ViewLayout {
  return {
    memory: layout.memory,
    buf,
    len: byteLength(shape, layout.itemsize),
    itemsize: layout.itemsize,
    readonly: layout.readonly,
    format: layout.format,
    ndim: shape.length,
    shape,
    strides,
    suboffsets,
    exactStrides,
  };
}

/**
 * The N-d extension, NumPy's basic indexing: one entry per leading
 * dimension, a Slice keeps the dimension, an integer selects one index and
 * drops it; dimensions left over are taken whole. Below a pointer dimension
 * a start moves that dimension's suboffset (as `_testbuffer` slices); an
 * integer on a pointer dimension is refused, since dropping it would lose
 * the dereference.
 */
export function sliceDimensions(layout: ViewLayout, keys: readonly (Slice | number)[], ssizeMax?: number): ViewLayout {
  const shape: number[] = [];
  const products: (bigint | number)[] = [];
  const kept: number[] = [];
  const suboffsets = layout.suboffsets === null ? null : [...layout.suboffsets];
  let buf = layout.buf;
  const moveStart = (dim: number, bytes: number): void => {
    let pointerDim = dim - 1;
    while (pointerDim >= 0 && (suboffsets === null || suboffsets[pointerDim]! < 0)) pointerDim--;
    if (pointerDim < 0) buf = movedStart(buf, bytes);
    else suboffsets![pointerDim] = movedStart(suboffsets![pointerDim]!, bytes);
  };
  for (let dim = 0; dim < layout.ndim; dim++) {
    const key = keys[dim];
    const extent = layout.shape[dim]!;
    const stride = layout.strides[dim]!;
    if (typeof key === "number") {
      const index = key < 0 ? key + extent : key;
      if (index < 0 || index >= extent) throw new IndexError(`index out of bounds on dimension ${dim + 1}`);
      if (suboffsets !== null && suboffsets[dim]! >= 0) {
        throw new NotImplementedError("memoryview: an integer index cannot drop a dimension with suboffsets");
      }
      moveStart(dim, stride * index);
      continue;
    }
    let count = extent;
    let step = 1;
    if (key !== undefined) {
      const [first, stop, unpackedStep] = unpackSlice(key, ssizeMax);
      const [start, , , slicelength] = adjustSliceIndices(extent, first, stop, unpackedStep);
      moveStart(dim, stride * start);
      count = slicelength;
      step = unpackedStep;
    }
    kept.push(dim);
    shape.push(count);
    products.push(ssizeProduct(layout, dim, step, key, ssizeMax));
  }
  const keptSuboffsets = suboffsets === null ? null : kept.map((dim) => suboffsets[dim]!);
  return withGeometry(layout, buf, shape, stridesOf(products), keptSuboffsets !== null && keptSuboffsets.length > 0 ? keptSuboffsets : null);
}
