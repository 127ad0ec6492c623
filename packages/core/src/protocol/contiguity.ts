/**
 * Contiguity tests and contiguous strides: `PyBuffer_IsContiguous` and
 * `PyBuffer_FillContiguousStrides` (`Objects/abstract.c`), exactly.
 *
 * @module
 */

/**
 * An order: `'C'` (row-major), `'F'` (column-major) or `'A'` (either).
 *
 * @example
 * ```ts
 * import type { ContiguityOrder } from "@pybuffer/core";
 * const order: ContiguityOrder = "F";
 * ```
 */
export type ContiguityOrder = "C" | "F" | "A";

/** The fields of a buffer that contiguity depends on. */
export interface BufferLayout {
  readonly len: number;
  readonly itemsize: number;
  readonly ndim: number;
  readonly shape: readonly number[] | null;
  readonly strides: readonly number[] | null;
  readonly suboffsets: readonly number[] | null;
}

/**
 * `PyBuffer_IsContiguous(view, order)`: never throws. A buffer with
 * suboffsets is never contiguous; an empty one (`len == 0`) always is;
 * extents of 1 ignore their stride (CPython issue #22445).
 *
 * @example
 * ```ts
 * import { isContiguous, getBuffer, BufferFlags } from "@pybuffer/core";
 * isContiguous(getBuffer(new Uint8Array(6), BufferFlags.STRIDES), "C"); // true
 * ```
 */
export function isContiguous(view: BufferLayout, order: string): boolean {
  if (view.suboffsets !== null) return false;
  switch (order) {
    case "C":
      return isCContiguous(view);
    case "F":
      return isFortranContiguous(view);
    case "A":
      return isCContiguous(view) || isFortranContiguous(view);
    default:
      return false;
  }
}

function isCContiguous(view: BufferLayout): boolean {
  if (view.len === 0 || view.strides === null) return true;
  return stridesAreContiguous(view.shape!, view.strides, view.itemsize, "C");
}

function isFortranContiguous(view: BufferLayout): boolean {
  if (view.len === 0) return true;
  const { shape, strides } = view;
  if (strides === null) {
    if (view.ndim <= 1) return true;
    // C strides are also Fortran strides when at most one extent exceeds 1.
    let longDimensions = 0;
    for (let i = 0; i < view.ndim; i++) if (shape![i]! > 1) longDimensions++;
    return longDimensions <= 1;
  }
  return stridesAreContiguous(shape!, strides, view.itemsize, "F");
}

/**
 * The loop of `_IsCContiguous`/`_IsFortranContiguous` for a non-empty buffer
 * with strides: every extent above 1 has the stride of a packed array.
 * It takes the arrays rather than the buffer so that its loads stay
 * monomorphic however many kinds of records and layouts its callers have.
 */
export function stridesAreContiguous(
  shape: readonly number[],
  strides: readonly number[],
  itemsize: number,
  order: "C" | "F",
): boolean {
  const ndim = shape.length;
  let expected = itemsize;
  for (let k = 0; k < ndim; k++) {
    const i = order === "C" ? ndim - 1 - k : k;
    const extent = shape[i]!;
    if (extent > 1 && strides[i] !== expected) return false;
    expected *= extent;
  }
  return true;
}

/**
 * `PyBuffer_FillContiguousStrides`: Fortran strides for `'F'`, C strides for
 * any other order character (including `'A'`, as in CPython).
 *
 * @example
 * ```ts
 * import { fillContiguousStrides } from "@pybuffer/core";
 * fillContiguousStrides([3, 4], 2, "C"); // [8, 2]
 * fillContiguousStrides([3, 4], 2, "F"); // [2, 6]
 * ```
 */
export function fillContiguousStrides(shape: readonly number[], itemsize: number, order: string): number[] {
  const ndim = shape.length;
  const strides = new Array<number>(ndim);
  let stride = itemsize;
  if (order === "F") {
    for (let i = 0; i < ndim; i++) {
      strides[i] = stride;
      stride *= shape[i]!;
    }
  } else {
    for (let i = ndim - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= shape[i]!;
    }
  }
  return strides;
}
