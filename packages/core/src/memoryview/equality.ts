/**
 * memoryview equality (`memory_richcompare` in Objects/memoryobject.c): shapes compared up
 * to the first zero extent, then items, either as C values when both views
 * have the same native single-character format, or through `struct` with
 * Python's `==` otherwise. A format `struct` cannot parse makes the views
 * unequal; nothing here throws for a bad format.
 *
 * @module
 */

import { dataViewOf } from "../internal/data-view-cache.ts";
import { sameShapeUpToZero } from "../internal/shape.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";
import { isContiguous } from "../protocol/contiguity.ts";
import { itemAddress } from "../protocol/strided-walk.ts";
import { typedArrayForCode } from "../internal/typed-array-for-code.ts";
import type { AbiProfile } from "../format/abi.ts";
import { formatCode } from "../format/format-codes.ts";
import { compiled } from "../struct/functions.ts";
import { itemCodec } from "../format/item-codec.ts";
import { unpackStructAt, type Struct } from "../struct/struct.ts";
import type { StructValue } from "../format/values.ts";
import { nativeFormatChar } from "./item-format.ts";
import type { ViewLayout } from "./view-layout.ts";

/** A view to compare: its layout and the ABI its native formats use. */
export interface ComparedView {
  readonly layout: ViewLayout;
  readonly abi: AbiProfile;
}

/** Calls `visit` with the addresses of the items at the same index in both views, in C order, until it returns false. */
function everyItemPair(v: ComparedView, w: ComparedView, visit: (a: number, b: number) => boolean): boolean {
  const { layout: a } = v;
  const { layout: b } = w;
  if (a.ndim === 0) return visit(a.buf, b.buf);
  if (a.shape.includes(0)) return true;
  const index = new Array<number>(a.ndim).fill(0);
  if (a.suboffsets !== null || b.suboffsets !== null) {
    for (;;) {
      if (!visit(itemAddress(a.memory, a, index, v.abi), itemAddress(b.memory, b, index, w.abi))) return false;
      if (!advance(index, a.shape, a.ndim - 1)) return true;
    }
  }
  // Offsets move incrementally: rows of the last dimension, an odometer above it.
  const last = a.ndim - 1;
  const extent = a.shape[last]!;
  const strideA = a.strides[last]!;
  const strideB = b.strides[last]!;
  for (;;) {
    let pa = a.buf;
    let pb = b.buf;
    for (let dim = 0; dim < last; dim++) {
      pa += a.strides[dim]! * index[dim]!;
      pb += b.strides[dim]! * index[dim]!;
    }
    for (let i = 0; i < extent; i++, pa += strideA, pb += strideB) if (!visit(pa, pb)) return false;
    if (!advance(index, a.shape, last - 1)) return true;
  }
}

/** Steps a C-order index odometer from dimension `from` down; false when it wraps around. */
function advance(index: number[], shape: readonly number[], from: number): boolean {
  for (let dim = from; dim >= 0; dim--) {
    if (++index[dim]! < shape[dim]!) return true;
    index[dim] = 0;
  }
  return false;
}

/** Whether two live views are equal, as `v == w` is in CPython. */
export function viewsEqual(v: ComparedView, w: ComparedView): boolean {
  // equiv_shape: same ndim, extents equal up to and including the first zero.
  if (!sameShapeUpToZero(v.layout.shape, w.layout.shape)) return false;
  const vChar = nativeFormatChar(v.layout.format);
  const wChar = nativeFormatChar(w.layout.format);
  if (vChar !== null && vChar === wChar) return equalAsCValues(v, w, vChar);
  return equalThroughStruct(v, w);
}

/** The fast path: the same native code on both sides, items compared as C values. */
function equalAsCValues(v: ComparedView, w: ComparedView, char: string): boolean {
  const contiguous = contiguousItems(v, w, char);
  if (contiguous !== undefined) return contiguous;
  const va = dataViewOf(v.layout.memory);
  const wa = dataViewOf(w.layout.memory);
  if (char === "?" || char === "c" || char === "b" || char === "B") {
    // '?' compares the stored _Bool bytes (0x02 != 0x01), 'c' compares bytes.
    return everyItemPair(v, w, (a, b) => va.getUint8(a) === wa.getUint8(b));
  }
  const code = formatCode(char)!;
  const readV = itemCodec(code, code.nativeSize(v.abi), true, true);
  const readW = itemCodec(code, code.nativeSize(w.abi), true, true);
  if (readV.size === readW.size) return everyItemPair(v, w, (a, b) => readV.read(va, a) === readW.read(wa, b));
  // One native code in two ABIs ('l' of 8 and of 4 bytes): a bigint and a number, both Python ints.
  return everyItemPair(v, w, (a, b) => pythonEquals(readV.read(va, a), readW.read(wa, b)));
}

/**
 * Both views C-contiguous with the same item size: integers, bytes and bools
 * are equal exactly when their bytes are (`unpack_cmp` compares them as C
 * values, and these have no two encodings of one value); floats are
 * compared as numbers through aligned TypedArrays, so NaN is unequal and
 * -0.0 equals 0.0, as in C. Undefined when neither applies.
 */
function contiguousItems(v: ComparedView, w: ComparedView, char: string): boolean | undefined {
  const a = v.layout;
  const b = w.layout;
  if (a.itemsize !== b.itemsize || a.len !== b.len || !isCContiguous(a) || !isCContiguous(b)) return undefined;
  if (a.len === 0) return true;
  const code = formatCode(char)!;
  if (code.kind !== "float") return sameBytes(a, b);
  if (a.buf % a.itemsize !== 0 || b.buf % b.itemsize !== 0) return undefined;
  if (a.itemsize === 8) return sameFloat64s(new Float64Array(a.memory, a.buf, a.len / 8), new Float64Array(b.memory, b.buf, b.len / 8));
  const Typed = typedArrayForCode(code, a.itemsize);
  if (Typed === undefined) return undefined;
  const count = a.len / a.itemsize;
  return sameElements(new Typed(a.memory, a.buf, count) as ArrayLike<number>, new Typed(b.memory, b.buf, count) as ArrayLike<number>);
}

/** Whether two equally long runs of bytes are equal: four at a time where both are aligned to 4. */
function sameBytes(a: ViewLayout, b: ViewLayout): boolean {
  if (((a.buf | b.buf | a.len) & 3) === 0) return sameWords(new Uint32Array(a.memory, a.buf, a.len / 4), new Uint32Array(b.memory, b.buf, b.len / 4));
  return sameElements(new Uint8Array(a.memory, a.buf, a.len), new Uint8Array(b.memory, b.buf, b.len));
}

// One loop per hot element type: a loop that sees several TypedArray types
// reads each element through a type check (V8's polymorphic keyed load).

function sameFloat64s(x: Float64Array, y: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function sameWords(x: Uint32Array, y: Uint32Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function sameElements(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function isCContiguous(layout: ViewLayout): boolean {
  return layout.suboffsets === null && isContiguous(layout, "C");
}

/** The general path: `struct.unpack_from` on each item, compared with Python's `==`. */
function equalThroughStruct(v: ComparedView, w: ComparedView): boolean {
  let unpackV: Struct;
  let unpackW: Struct;
  try {
    unpackV = compiled({ format: v.layout.format, abi: v.abi.name });
    unpackW = compiled({ format: w.layout.format, abi: w.abi.name });
  } catch {
    return false; // struct.error: formats struct cannot parse never compare equal
  }
  const one = (values: StructValue[]): StructValue | StructValue[] => (values.length === 1 ? values[0]! : values);
  const va = dataViewOf(v.layout.memory);
  const wa = dataViewOf(w.layout.memory);
  return everyItemPair(v, w, (a, b) => pythonEquals(one(unpackStructAt(unpackV, va, a)), one(unpackStructAt(unpackW, wa, b))));
}

type Unpacked = StructValue | StructValue[];

/** Python's `==` between unpacked struct values (ints, floats, bools, bytes, complex, tuples). */
export function pythonEquals(a: Unpacked, b: Unpacked): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => pythonEquals(item, b[i]!));
  }
  if (isUint8Array(a) || isUint8Array(b)) {
    return isUint8Array(a) && isUint8Array(b) && a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  if (typeof a === "object" || typeof b === "object") {
    const [ar, ai] = typeof a === "object" ? [a.real, a.imag] : [a, 0];
    const [br, bi] = typeof b === "object" ? [b.real, b.imag] : [b, 0];
    return numbersEqual(ar, br) && numbersEqual(ai, bi);
  }
  return numbersEqual(a, b);
}

/** Exact numeric equality across int (bigint), float (number) and bool, as Python compares them. */
function numbersEqual(a: number | bigint | boolean, b: number | bigint | boolean): boolean {
  const x = typeof a === "boolean" ? (a ? 1 : 0) : a;
  const y = typeof b === "boolean" ? (b ? 1 : 0) : b;
  if (typeof x === typeof y) return x === y;
  const [big, num] = typeof x === "bigint" ? [x, y as number] : [y as bigint, x as number];
  return Number.isInteger(num) && BigInt(num) === big;
}
