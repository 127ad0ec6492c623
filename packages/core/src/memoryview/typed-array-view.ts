/**
 * TypedArrays over a view's items, when they can stand for them exactly:
 * a 1-D, unit-stride, aligned run of a numeric format in the host's byte
 * order. They serve `toList` (one bulk copy) and `toTypedArray`.
 *
 * @module
 */

import type { ItemFormat } from "./item-format.ts";
import type { ViewLayout } from "./view-layout.ts";

type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const Float16 = (globalThis as { Float16Array?: TypedArrayConstructor }).Float16Array;

/** The TypedArray whose elements read exactly as a code's values at `size` bytes, if there is one. */
function constructorFor(char: string, size: number): TypedArrayConstructor | undefined {
  switch (char) {
    case "b":
      return Int8Array;
    case "B":
      return Uint8Array;
    case "h":
    case "H":
    case "i":
    case "I":
    case "l":
    case "L":
    case "q":
    case "Q":
    case "n":
    case "N":
    case "P": {
      const signed = char === char.toLowerCase() && char !== "P";
      switch (size) {
        case 2:
          return signed ? Int16Array : Uint16Array;
        case 4:
          return signed ? Int32Array : Uint32Array;
        case 8:
          return signed ? BigInt64Array : BigUint64Array;
      }
      return undefined;
    }
    case "f":
      return Float32Array;
    case "d":
      return Float64Array;
    case "e":
      return Float16; // where the runtime has it (Node 24+)
    default:
      return undefined; // '?', 'c': their values are not numbers
  }
}

/** A TypedArray over the layout's items, or undefined when none fits exactly. */
export function typedArrayOf(layout: ViewLayout, format: ItemFormat): ArrayBufferView | undefined {
  if (layout.ndim !== 1 || layout.strides[0] !== layout.itemsize || layout.buf % layout.itemsize !== 0) return undefined;
  const nativeOrder = format.codec.size === 1 || isHostOrder(layout.format);
  if (!nativeOrder) return undefined;
  const Constructor = constructorFor(format.char, format.codec.size);
  return Constructor === undefined ? undefined : new Constructor(layout.memory, layout.buf, layout.shape[0]!);
}

/** Native formats, `=` and the explicit prefix matching the host use the host's byte order. */
function isHostOrder(format: string): boolean {
  switch (format[0]) {
    case "<":
      return HOST_LITTLE_ENDIAN;
    case ">":
    case "!":
      return !HOST_LITTLE_ENDIAN;
    default:
      return HOST_LITTLE_ENDIAN; // '@', '=' and no prefix: every ABI profile is little-endian
  }
}
