/**
 * memoryview equality (`memory_richcompare`, spec §2.10): shapes compared up
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
import { itemAddress } from "../protocol/strided-walk.ts";
import type { AbiProfile } from "../struct/abi.ts";
import { formatCode } from "../struct/format-codes.ts";
import { compiled } from "../struct/functions.ts";
import { itemCodec } from "../struct/item-codec.ts";
import type { Struct } from "../struct/struct.ts";
import type { StructValue } from "../struct/values.ts";
import type { ViewLayout } from "./view-layout.ts";

/** A view to compare: its layout and the ABI its native formats use. */
export interface ComparedView {
  readonly layout: ViewLayout;
  readonly abi: AbiProfile;
}

/** `get_native_fmtchar`: the code of a native single-character format, or null. */
function nativeChar(format: string): string | null {
  const body = format[0] === "@" ? format.slice(1) : format;
  return body.length === 1 && "cbBhHiIlLqQnNfde?P".includes(body) ? body : null;
}

/** Calls `visit` with the addresses of the items at the same index in both views, in C order, until it returns false. */
function everyItemPair(v: ComparedView, w: ComparedView, visit: (a: number, b: number) => boolean): boolean {
  const { layout: a } = v;
  const { layout: b } = w;
  if (a.ndim === 0) return visit(a.buf, b.buf);
  if (a.shape.includes(0)) return true;
  const index = new Array<number>(a.ndim).fill(0);
  const direct = a.suboffsets === null && b.suboffsets === null;
  for (;;) {
    const pa = direct ? offsetOf(a, index) : itemAddress(a.memory, a, index, v.abi);
    const pb = direct ? offsetOf(b, index) : itemAddress(b.memory, b, index, w.abi);
    if (!visit(pa, pb)) return false;
    let dim = a.ndim - 1;
    for (; dim >= 0; dim--) {
      if (++index[dim]! < a.shape[dim]!) break;
      index[dim] = 0;
    }
    if (dim < 0) return true;
  }
}

function offsetOf(layout: ViewLayout, index: readonly number[]): number {
  let offset = layout.buf;
  for (let dim = 0; dim < layout.ndim; dim++) offset += layout.strides[dim]! * index[dim]!;
  return offset;
}

/** Whether two live views are equal, as `v == w` is in CPython. */
export function viewsEqual(v: ComparedView, w: ComparedView): boolean {
  // equiv_shape: same ndim, extents equal up to and including the first zero.
  if (!sameShapeUpToZero(v.layout.shape, w.layout.shape)) return false;
  const vChar = nativeChar(v.layout.format);
  const wChar = nativeChar(w.layout.format);
  if (vChar !== null && vChar === wChar) return equalAsCValues(v, w, vChar);
  return equalThroughStruct(v, w);
}

/** The fast path: the same native code on both sides, items compared as C values. */
function equalAsCValues(v: ComparedView, w: ComparedView, char: string): boolean {
  const va = dataViewOf(v.layout.memory);
  const wa = dataViewOf(w.layout.memory);
  if (char === "?" || char === "c" || char === "b" || char === "B") {
    // '?' compares the stored _Bool bytes (0x02 != 0x01), 'c' compares bytes.
    return everyItemPair(v, w, (a, b) => va.getUint8(a) === wa.getUint8(b));
  }
  const code = formatCode(char)!;
  const readV = itemCodec(code, code.nativeSize(v.abi), true, true);
  const readW = itemCodec(code, code.nativeSize(w.abi), true, true);
  return everyItemPair(v, w, (a, b) => readV.read(va, a) === readW.read(wa, b));
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
  return everyItemPair(v, w, (a, b) =>
    pythonEquals(one(unpackV.unpackFrom(v.layout.memory, a)), one(unpackW.unpackFrom(w.layout.memory, b))),
  );
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
