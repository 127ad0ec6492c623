/**
 * `NDArray`'s keys (`ndarray_subscript` and `ndarray_ass_subscript` in
 * Modules/_testbuffer.c): integer keys, the address of an item along
 * dimension 0, and the geometry of a sub-array or a sliced array.
 *
 * @module
 */

import { IndexError, OverflowError, PyTypeError } from "../errors/python-errors.ts";
import { Slice, unpackSlice, adjustSliceIndices } from "../indexing/slice.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { instanceOfSafely, isArraySafely, lookCause } from "../internal/safe-look.ts";
import { itemAddress } from "../protocol/strided-walk.ts";
import type { AbiProfile } from "../format/abi.ts";
import type { BaseGeometry } from "./base-buffer.ts";

/** `PyIndex_Check` + `PyLong_AsSsize_t`: an integer key, or null for anything else. */
export function integerKey(key: unknown): number | null {
  if (typeof key === "boolean") return key ? 1 : 0;
  if (typeof key === "bigint") {
    if (key > BigInt(Number.MAX_SAFE_INTEGER) || key < -BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new OverflowError("Python int too large to convert to C ssize_t");
    }
    return Number(key);
  }
  if (typeof key === "number" && Number.isInteger(key)) return key;
  return null;
}

/** `ptr_from_index`: the address of item `index` along dimension 0 (negative counts from the end). */
export function addressOf(geometry: BaseGeometry, index: number, abi: AbiProfile): number {
  const count = geometry.shape?.[0] ?? geometry.len;
  if (index < 0) index += count;
  if (index < 0 || index >= count) throw new IndexError("index out of bounds");
  let address = geometry.buf + (geometry.strides?.[0] ?? geometry.itemsize) * index;
  if (geometry.suboffsets !== null && geometry.suboffsets[0]! >= 0) {
    address = itemAddress(geometry.memory, { buf: address, itemsize: geometry.itemsize, ndim: 1, shape: [1], strides: [0], suboffsets: [geometry.suboffsets[0]!] }, [0], abi);
  }
  return address;
}

/** `ndarray_item` for ndim > 1: a re-exporter's geometry `g` narrowed to the sub-array at `address`. */
export function selectSubArray(g: BaseGeometry, address: number): void {
  g.buf = address;
  g.len = g.len / g.shape![0]!;
  g.ndim -= 1;
  g.shape = g.shape!.slice(1);
  g.strides = g.strides && g.strides.slice(1);
  g.suboffsets = g.suboffsets && g.suboffsets.slice(1);
}

/** `ndarray_subscript` for slices: a re-exporter's geometry `g` sliced by `key`, a {@link Slice} or an array of them. */
export function sliceGeometry(g: BaseGeometry, key: unknown): void {
  const keys: readonly unknown[] = instanceOfSafely(key, Slice) ? [key] : isArraySafely(key) ? key : [key];
  keys.forEach((k, dim) => {
    if (!instanceOfSafely(k, Slice)) throw new PyTypeError(`cannot index memory using "${pythonTypeName(k)}"`, lookCause(k));
    if (dim >= g.ndim) throw new IndexError(`too many slices for a ${g.ndim}-dimensional ndarray`);
    sliceDimension(g, k, dim);
  });
  g.len = g.shape!.reduce((product, extent) => product * extent, g.itemsize);
}

/**
 * `init_slice`: slices dimension `dim`. Without pointers, the start moves
 * `buf`; below a pointer dimension it moves that dimension's suboffset.
 */
function sliceDimension(g: BaseGeometry, key: Slice, dim: number): void {
  const [first, stop, step] = unpackSlice(key);
  const [start, , , count] = adjustSliceIndices(g.shape![dim]!, first, stop, step);
  const strides = g.strides!;
  let pointerDim = -1;
  if (g.suboffsets !== null && dim > 0) {
    for (let n = dim - 1; n >= 0; n--) {
      if (g.suboffsets[n]! >= 0) {
        pointerDim = n;
        break;
      }
    }
  }
  if (pointerDim < 0) g.buf += strides[dim]! * start;
  else g.suboffsets![pointerDim]! += strides[dim]! * start;
  g.shape![dim] = count;
  strides[dim] = strides[dim]! * step + 0; // + 0: a zero stride stepped backwards is 0, not -0
}
