/**
 * A view's element cache: its memory as a TypedArray whose elements are its
 * items, found once per view, with a 1-D view's geometry counted in
 * elements, so that `m.get(i)` is a bounds check and one load (CPython's
 * `memory_item` reads through `ptr_from_index` and `unpack_single`; this is
 * the same read with the unpacking done by the TypedArray). `MemoryView`
 * keeps the fields its `get` reads as its own scalars (see there).
 *
 * @module
 */

import type { FullLayout } from "../protocol/full-layout.ts";
import type { ItemFormat } from "./item-format-type.ts";
import { itemElementsOf, type ItemElements } from "./typed-array-view.ts";
import type { ViewLayout } from "./view-layout.ts";

/**
 * The byte address of the item `key` names when it is one integer in range
 * per dimension of a non-PIL layout, else -1 (the caller's general path
 * decides what the key is). Allocates nothing.
 */
export function integerKeyAddress(layout: FullLayout, key: readonly unknown[]): number {
  if (key.length !== layout.ndim) return -1;
  let address = layout.buf;
  for (let dim = 0; dim < key.length; dim++) {
    const k = key[dim];
    const extent = layout.shape[dim]!;
    if (typeof k !== "number" || !Number.isInteger(k)) return -1;
    const index = k < 0 ? k + extent : k;
    if (index < 0 || index >= extent) return -1;
    address += index * layout.strides[dim]!;
  }
  return address;
}

/**
 * The items of one view as TypedArray elements: the item at byte `address`
 * is `elements[address / layout.itemsize]`, and item `i` of a 1-D view is
 * `elements[base + i * stride]`. Reading `undefined` means the memory is
 * gone (see {@link ItemElements}); the view's general path then raises.
 *
 * @example
 * ```ts
 * const layout = { buf: 8, itemsize: 8, ndim: 1, shape: [2], strides: [8], suboffsets: null };
 * const cache = new ElementCache(layout, new Float64Array([1, 2, 3]));
 * cache.elements[cache.base + 1 * cache.stride]; // 3
 * ```
 */
export class ElementCache {
  readonly elements: ItemElements;
  /** `shape[0]` of a 1-D view; 0 for other views, so that no index is in range for them. */
  readonly extent: number;
  /** `buf` and `strides[0]` in elements (1-D views). */
  readonly base: number;
  readonly stride: number;

  constructor(layout: FullLayout, elements: ItemElements) {
    const oneDimensional = layout.ndim === 1;
    this.elements = elements;
    this.extent = oneDimensional ? layout.shape[0]! : 0;
    this.base = oneDimensional ? layout.buf / layout.itemsize : 0;
    this.stride = oneDimensional ? layout.strides[0]! / layout.itemsize : 0;
  }
}

/**
 * The element cache of a layout whose bytes end at `end`, or null when its
 * items are not whole, aligned, host-order TypedArray elements (or its
 * memory is already gone: the caller's general path raises for that).
 */
export function elementCacheOf(layout: ViewLayout, item: ItemFormat, end: number): ElementCache | null {
  const elements = itemElementsOf(layout, item, end);
  return elements === null ? null : new ElementCache(layout, elements);
}
