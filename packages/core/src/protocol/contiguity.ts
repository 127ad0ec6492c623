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
 *
 * @since 0.1.0
 */
export type ContiguityOrder = "C" | "F" | "A";

/**
 * The fields of a buffer that contiguity depends on.
 *
 * @since 0.1.0
 */
export interface BufferLayout {
  /** @since 0.1.0 */
  readonly len: number;
  /** @since 0.1.0 */
  readonly itemsize: number;
  /** @since 0.1.0 */
  readonly ndim: number;
  /** @since 0.1.0 */
  readonly shape: readonly number[] | null;
  /** @since 0.1.0 */
  readonly strides: readonly number[] | null;
  /** @since 0.1.0 */
  readonly suboffsets: readonly number[] | null;
}

/** `PyBuffer_IsContiguous` on a sound layout; the public, checked entry is in arguments/c-api-helpers.ts. */
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

/** `PyBuffer_FillContiguousStrides` on a sound shape; the public, checked entry is in arguments/c-api-helpers.ts. */
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
