/**
 * Reading and writing `NDArray`'s items (`ndarray_tolist`, `ndarray_tobytes`,
 * `unpack_single` and `pack_single` in Modules/_testbuffer.c), given the head
 * base's geometry and the array's ABI.
 *
 * @module
 */

import { ValueError } from "../errors/python-errors.ts";
import { assertListSize } from "../internal/result-limits.ts";
import type { BufferRecord } from "../protocol/buffer-record.ts";
import { toContiguous } from "../protocol/contiguous-copy.ts";
import { fullLayout } from "../protocol/full-layout.ts";
import { assertLiveMemory } from "../protocol/live-memory.ts";
import { itemAddress } from "../protocol/strided-walk.ts";
import type { AbiProfile } from "../format/abi.ts";
import { compiled } from "../struct/functions.ts";
import type { StructValue } from "../format/values.ts";
import { packElement, type BaseGeometry } from "./base-buffer.ts";

/** A buffer record of `geometry` that no exporter issued, for the protocol's helpers. */
export function geometryRecord(geometry: BaseGeometry): BufferRecord {
  return { ...geometry, obj: null, internal: null };
}

/** Every item `geometry` reaches is still in its memory block. */
export function assertLiveGeometry(geometry: BaseGeometry, abi: AbiProfile): void {
  assertLiveMemory(geometryRecord(geometry), abi);
}

/** `ndarray_tolist`: the items as nested arrays (a bare value for ndim 0). */
export function itemsToList(geometry: BaseGeometry, abi: AbiProfile): unknown {
  if (geometry.format === null) {
    throw new ValueError("ndarray: tolist() does not support format=NULL, use tobytes()");
  }
  assertLiveGeometry(geometry, abi);
  const layout = fullLayout(geometryRecord(geometry));
  assertListSize(geometry.itemsize === 0 ? 0 : geometry.len / geometry.itemsize, "ndarray.tolist");
  const index = new Array<number>(layout.ndim).fill(0);
  const unpackAt = (address: number): unknown => unpackItem(geometry, address, abi);
  const build = (dim: number): unknown => {
    if (dim === layout.ndim) return unpackAt(itemAddress(geometry.memory, layout, index, abi));
    const items = new Array<unknown>(layout.shape[dim]!);
    for (let i = 0; i < items.length; i++) {
      index[dim] = i;
      items[i] = build(dim + 1);
    }
    index[dim] = 0;
    return items;
  };
  return build(0);
}

/** `ndarray_tobytes`: the items' bytes in C order. */
export function itemsToBytes(geometry: BaseGeometry, abi: AbiProfile): Uint8Array {
  assertLiveGeometry(geometry, abi);
  return toContiguous(geometryRecord(geometry), "C", undefined, { abi: abi.name });
}

/** `unpack_single`: the item at `address`, a bare value for a one-member format. */
export function unpackItem(geometry: BaseGeometry, address: number, abi: AbiProfile): unknown {
  const format = geometry.format;
  const struct = compiled({ format: format ?? "B", abi: abi.name });
  const values: StructValue[] = struct.unpackFrom(new DataView(geometry.memory, address, format === null ? 1 : geometry.itemsize));
  return values.length === 1 ? values[0] : values;
}

/** `pack_single`: writes `value` as the item at `address`, checked before a byte changes. */
export function packItem(geometry: BaseGeometry, address: number, value: unknown, abi: AbiProfile): void {
  const struct = compiled({ format: geometry.format ?? "B", abi: abi.name });
  assertLiveGeometry(geometry, abi);
  packElement(struct, struct.valueCount, geometry.memory, address, value);
}
