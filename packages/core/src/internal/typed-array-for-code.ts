/**
 * The TypedArray whose elements are exactly a format code's C values: the
 * struct engine reads and writes aligned runs through it, and memoryview
 * hands views out as it. One table, so both agree.
 *
 * @module
 */

import type { FormatCode } from "../format/format-codes.ts";

/** Constructors of the TypedArrays a code can map to. */
export type NumericArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView & {
  [index: number]: number | bigint;
  readonly length: number;
};

const Float16 = (globalThis as { Float16Array?: NumericArrayConstructor }).Float16Array;

/**
 * The TypedArray for an integer or float code of `size` bytes, or undefined
 * (`?`, `c`, bytes, complex; `e` where the runtime has no Float16Array).
 * Its elements have the code's values only in the host's byte order.
 */
export function typedArrayForCode(code: FormatCode, size: number): NumericArrayConstructor | undefined {
  if (code.kind === "float") {
    return (size === 2 ? Float16 : size === 4 ? Float32Array : size === 8 ? Float64Array : undefined) as
      | NumericArrayConstructor
      | undefined;
  }
  if (code.kind !== "int") return undefined;
  const signed = code.signed;
  switch (size) {
    case 1:
      return (signed ? Int8Array : Uint8Array) as NumericArrayConstructor;
    case 2:
      return (signed ? Int16Array : Uint16Array) as NumericArrayConstructor;
    case 4:
      return (signed ? Int32Array : Uint32Array) as NumericArrayConstructor;
    case 8:
      return (signed ? BigInt64Array : BigUint64Array) as NumericArrayConstructor;
    default:
      return undefined;
  }
}

/** Whether TypedArrays on this host are little-endian. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
