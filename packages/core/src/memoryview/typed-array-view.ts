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
  // A format-NULL record reads one 'B' per wider item: not a run of elements.
  if (format.codec.size !== layout.itemsize) return undefined;
  if (!isHostOrder(layout.format, format.codec.size)) return undefined;
  const Constructor = typedArrayForCode(formatCode(format.char)!, format.codec.size);
  return Constructor === undefined ? undefined : new Constructor(layout.memory, layout.buf, layout.shape[0]!);
}

/** Whether items of `format` (of `size` bytes) are in the host's byte order: single bytes always are. */
export function isHostOrder(format: string, size: number): boolean {
  if (size === 1) return true;
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
