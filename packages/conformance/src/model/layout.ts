/**
 * Layout arithmetic the suite needs as its own oracle, written from the
 * protocol's rules rather than borrowed from the implementation under test:
 * contiguity (`PyBuffer_IsContiguous`, CPython issue #22445), contiguous
 * strides, index walks in C and Fortran order, Python slice indices.
 *
 * @module
 */

import type { Layout } from "../adapter/types.ts";

/** Contiguity as the protocol decides it: yes, no, or either (where exporters legitimately differ). */
export type Tri = "yes" | "no" | "either";

export function product(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

/** `PyBuffer_FillContiguousStrides`. */
export function contiguousStrides(shape: readonly number[], itemsize: number, order: "C" | "F"): number[] {
  const strides = new Array<number>(shape.length);
  let stride = itemsize;
  if (order === "F") {
    for (let i = 0; i < shape.length; i++) {
      strides[i] = stride;
      stride *= shape[i]!;
    }
  } else {
    for (let i = shape.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= shape[i]!;
    }
  }
  return strides;
}

/**
 * `PyBuffer_IsContiguous(view, order)` for a record's fields (Objects/abstract.c): null
 * strides mean C; suboffsets are never contiguous; `len == 0` always is.
 */
export function recordIsContiguous(
  record: {
    readonly len: number;
    readonly itemsize: number;
    readonly ndim: number;
    readonly shape: readonly number[] | null;
    readonly strides: readonly number[] | null;
    readonly suboffsets: readonly number[] | null;
  },
  order: "C" | "F" | "A",
): boolean {
  if (record.suboffsets !== null) return false;
  if (order === "A") return recordIsContiguous(record, "C") || recordIsContiguous(record, "F");
  if (record.len === 0) return true;
  const shape = record.shape;
  if (record.strides === null) {
    if (order === "C" || record.ndim <= 1) return true;
    return shape === null || shape.filter((e) => e > 1).length <= 1;
  }
  // Strides without a shape are malformed (getbuf.shape says so); as bytes, they are contiguous.
  if (shape === null) return true;
  return walkContiguous(shape, record.strides, record.itemsize, order);
}

function walkContiguous(shape: readonly number[], strides: readonly number[], itemsize: number, order: "C" | "F"): boolean {
  let expected = itemsize;
  const n = shape.length;
  for (let k = 0; k < n; k++) {
    const i = order === "C" ? n - 1 - k : k;
    if (shape[i]! > 1 && strides[i] !== expected) return false;
    expected *= shape[i]!;
  }
  return true;
}

/**
 * Whether an exporter with this geometry is C/F-contiguous, as far as the
 * protocol fixes it. `PyBuffer_IsContiguous` says yes for every empty
 * buffer; memoryview's own flags say no for a 1-D empty view whose stride
 * is not the itemsize (memoryobject.c: init_flags). Both exporters are right, so that one case is
 * `either`.
 */
export function contiguity(
  shape: readonly number[],
  strides: readonly number[] | null,
  itemsize: number,
  indirect: boolean,
  order: "C" | "F",
): Tri {
  if (indirect) return "no";
  if (shape.length === 0 || strides === null) return "yes";
  const empty = shape.includes(0);
  if (empty) {
    if (shape.length === 1 && strides[0] !== itemsize) return "either";
    return "yes";
  }
  return walkContiguous(shape, strides, itemsize, order) ? "yes" : "no";
}

/**
 * Where two stride vectors of one shape differ in what the protocol fixes,
 * or `null` when they agree. The protocol fixes the bytes each index reaches
 * and contiguity as CPython computes it, nothing more: a dimension of extent
 * 0 or 1, or any empty buffer, leaves strides to the exporter (CPython's
 * `PyBuffer_FillContiguousStrides` in Objects/abstract.c gives `[0, 1]` for
 * shape `[1, 0]`; a packed exporter of shape `[2, 1, 1]` reports `[4, 4, 4]`).
 */
export function stridesDifference(
  shape: readonly number[],
  actual: readonly number[],
  expected: readonly number[],
  itemsize: number,
): string | null {
  if (!shape.includes(0)) {
    for (let i = 0; i < shape.length; i++) {
      if (shape[i]! > 1 && actual[i] !== expected[i]) {
        return `dimension ${i} (extent ${shape[i]!}) steps ${actual[i]!} bytes where ${expected[i]!} reach the expected items`;
      }
    }
  }
  for (const order of ["C", "F"] as const) {
    const a = contiguity(shape, actual, itemsize, false, order);
    const e = contiguity(shape, expected, itemsize, false, order);
    if (a !== e && a !== "either" && e !== "either") {
      return `they make the buffer ${a === "yes" ? "" : "not "}${order === "C" ? "C-" : "Fortran "}contiguous, the expected strides ${e === "yes" ? "do" : "do not"}`;
    }
  }
  return null;
}

/** The layout classes a geometry belongs to, for matching against a manifest's `layouts`. */
export function layoutClass(shape: readonly number[], strides: readonly number[], itemsize: number): Layout {
  let negative = false;
  let zero = false;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i]! > 1 && strides[i]! < 0) negative = true;
    if (shape[i]! > 1 && strides[i] === 0) zero = true;
  }
  if (zero) return "zero";
  if (negative) return "negative";
  const len = product(shape) * itemsize;
  if (shape.length === 0 || len === 0 || walkContiguous(shape, strides, itemsize, "C")) return "C";
  if (walkContiguous(shape, strides, itemsize, "F")) return "F";
  return "strided";
}

/**
 * Whether a geometry is C order with padding after rows only: the last
 * dimension packed, every other stride at least the span of the block
 * inside it (what an image with aligned rows reports). Dimensions of extent
 * 0 or 1 step nowhere and are not judged.
 */
export function isRowPadded(shape: readonly number[], strides: readonly number[], itemsize: number): boolean {
  if (shape.includes(0)) return true;
  let block = itemsize;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i]! <= 1) continue;
    if (i === shape.length - 1 ? strides[i] !== itemsize : strides[i]! < block) return false;
    block = strides[i]! * (shape[i]! - 1) + block;
  }
  return true;
}

/** Whether a manifest's `layouts` admit this geometry (a C-and-F one needs either). */
export function layoutAllowed(
  layouts: readonly Layout[],
  shape: readonly number[],
  strides: readonly number[],
  itemsize: number,
): boolean {
  if (layouts.includes("padded") && isRowPadded(shape, strides, itemsize)) return true;
  const cls = layoutClass(shape, strides, itemsize);
  if (cls === "C") {
    const len = product(shape) * itemsize;
    const alsoF = shape.length <= 1 || len === 0 || walkContiguous(shape, strides, itemsize, "F");
    return layouts.includes("C") || (alsoF && layouts.includes("F"));
  }
  return layouts.includes(cls);
}

/** Every index tuple of `shape`, in C (last index fastest) or Fortran order. */
export function* indexTuples(shape: readonly number[], order: "C" | "F" = "C"): Generator<number[]> {
  const n = shape.length;
  if (shape.includes(0)) return;
  const index = new Array<number>(n).fill(0);
  for (;;) {
    yield [...index];
    let k = 0;
    for (; k < n; k++) {
      const i = order === "C" ? n - 1 - k : k;
      index[i]!++;
      if (index[i]! < shape[i]!) break;
      index[i] = 0;
    }
    if (k === n) return;
  }
}

/** Python's `slice(start, stop, step).indices(length)` plus the slice length. */
export function sliceIndices(
  start: number | null,
  stop: number | null,
  step: number,
  length: number,
): { start: number; stop: number; step: number; length: number } {
  const clamp = (value: number | null, fallback: number, low: number, high: number): number => {
    if (value === null) return fallback;
    const v = value < 0 ? value + length : value;
    return Math.min(Math.max(v, low), high);
  };
  let s: number;
  let e: number;
  if (step > 0) {
    s = clamp(start, 0, 0, length);
    e = clamp(stop, length, 0, length);
  } else {
    s = clamp(start, length - 1, -1, length - 1);
    e = clamp(stop, -1, -1, length - 1);
  }
  let count = 0;
  if (step > 0 ? s < e : s > e) count = Math.floor((e - s + (step > 0 ? step - 1 : step + 1)) / step);
  return { start: s, stop: e, step, length: count };
}

/** Builds a nested list of `shape` from items in C order (a scalar for ndim 0). */
export function nest<T>(flat: readonly T[], shape: readonly number[]): unknown {
  if (shape.length === 0) return flat[0];
  let position = 0;
  const build = (dim: number): unknown[] => {
    const out: unknown[] = [];
    for (let i = 0; i < shape[dim]!; i++) {
      if (dim === shape.length - 1) out.push(flat[position++]);
      else out.push(build(dim + 1));
    }
    return out;
  };
  return build(0);
}
