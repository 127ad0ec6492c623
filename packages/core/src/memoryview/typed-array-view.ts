/**
 * TypedArrays over a view's items, when they can stand for them exactly: a
 * numeric format in the host's byte order, aligned. A 1-D unit-stride run
 * serves `toList` (one bulk copy) and `toTypedArray`; any aligned strided
 * layout serves item reads through its {@link ItemElements}.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { HOST_LITTLE_ENDIAN, typedArrayForCode } from "../internal/typed-array-for-code.ts";
import { formatCode } from "../format/format-codes.ts";
import type { ItemFormat } from "./item-format-type.ts";
import type { ViewLayout } from "./view-layout.ts";

/** A TypedArray over the layout's items, or undefined when none fits exactly. */
export function typedArrayOf(layout: ViewLayout, format: ItemFormat): ArrayBufferView | undefined {
  if (layout.ndim !== 1 || layout.strides[0] !== layout.itemsize || layout.buf % layout.itemsize !== 0) return undefined;
  // A format-NULL record reads one 'B' per wider item: not a run of elements.
  if (format.codec.size !== layout.itemsize) return undefined;
  if (!isHostOrder(layout.format, format.codec.size)) return undefined;
  const code = formatCode(format.char); // none for a record format
  const Constructor = code === undefined ? undefined : typedArrayForCode(code, format.codec.size);
  if (Constructor === undefined) return undefined;
  // An empty view reads nothing, and may start outside its memory (an empty
  // slice of a reversed view, as CPython's `init_slice` moves `buf`).
  const count = layout.shape[0]!;
  return new Constructor(layout.memory, count === 0 ? 0 : layout.buf, count);
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

/**
 * A view's memory as a TypedArray whose elements are its items: the item at
 * byte offset `address` is element `address / itemsize`. It ends at the
 * view's last byte and has a fixed length, so once the memory is gone
 * (detached, or shrunk below that byte) every element reads `undefined`
 * instead of a value: the reader's cue to raise.
 */
export type ItemElements = { readonly [index: number]: number | bigint | undefined };

/**
 * The {@link ItemElements} of a layout whose bytes end at `end`, or null when
 * its items are not whole, aligned, host-order elements of a TypedArray (or
 * its memory is already gone: the caller's slow path raises for that).
 */
export function itemElementsOf(layout: ViewLayout, format: ItemFormat, end: number): ItemElements | null {
  const size = layout.itemsize;
  if (layout.ndim === 0 || layout.suboffsets !== null || format.codec.size !== size || layout.buf % size !== 0) return null;
  if (!layout.strides.every((stride) => stride % size === 0)) return null;
  if (end === 0 || end > blockByteLength(layout.memory) || !isHostOrder(layout.format, size)) return null;
  const code = formatCode(format.char); // none for a record format
  const Constructor = code === undefined ? undefined : typedArrayForCode(code, size);
  return Constructor === undefined ? null : new Constructor(layout.memory, 0, end / size);
}
