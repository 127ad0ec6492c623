/**
 * TypedArrays over a view's items, when they can stand for them exactly:
 * a 1-D, unit-stride, aligned run of a numeric format in the host's byte
 * order. They serve `toList` (one bulk copy) and `toTypedArray`.
 *
 * @module
 */

import { HOST_LITTLE_ENDIAN, typedArrayForCode } from "../internal/typed-array-for-code.ts";
import { formatCode } from "../struct/format-codes.ts";
import type { ItemFormat } from "./item-format.ts";
import type { ViewLayout } from "./view-layout.ts";

/** A TypedArray over the layout's items, or undefined when none fits exactly. */
export function typedArrayOf(layout: ViewLayout, format: ItemFormat): ArrayBufferView | undefined {
  if (layout.ndim !== 1 || layout.strides[0] !== layout.itemsize || layout.buf % layout.itemsize !== 0) return undefined;
  const nativeOrder = format.codec.size === 1 || isHostOrder(layout.format);
  if (!nativeOrder) return undefined;
  const Constructor = typedArrayForCode(formatCode(format.char)!, format.codec.size);
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
