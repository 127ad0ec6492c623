/**
 * The base buffers of an {@link NDArray}: how `_testbuffer.ndarray` builds
 * one from a flat list of items (`init_ndbuf`, `init_structure`,
 * `init_suboffsets`), with its checks in its order and its messages.
 *
 * @module
 */

import { OverflowError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { allocateBytes } from "../internal/result-limits.ts";
import { isArraySafely, lookCause } from "../internal/safe-look.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";
import type { MemoryBlock } from "../protocol/buffer-record.ts";
import { fillContiguousStrides, isContiguous } from "../protocol/contiguity.ts";
import type { AbiProfile } from "../format/abi.ts";
import { Struct } from "../struct/struct.ts";
import { ND_MAX_NDIM, NDArrayFlags } from "./ndarray-flags.ts";

/** The mutable geometry of a base (C's `Py_buffer base` inside `ndbuf_t`). */
export interface BaseGeometry {
  memory: MemoryBlock;
  buf: number;
  len: number;
  itemsize: number;
  readonly: boolean;
  format: string | null;
  ndim: number;
  shape: number[] | null;
  strides: number[] | null;
  suboffsets: number[] | null;
}

/** One base buffer (`ndbuf_t`): geometry, layout flags and its export count. */
export interface BaseBuffer {
  readonly geometry: BaseGeometry;
  /** Byte offset of the array start in its data (`ndbuf->offset`); -1 for a consumer. */
  offset: number;
  flags: number;
  exports: number;
  /** The exporter this base was taken from (`base->obj`), or null for an original base. */
  readonly obj: object | null;
}

/** The construction arguments of an original base. */
export interface BaseInit {
  readonly shape: unknown;
  readonly strides?: unknown;
  readonly offset?: number;
  readonly format?: string;
  readonly flags?: number;
}

/**
 * `init_flags`: the layout bits, computed from the geometry with
 * `PyBuffer_IsContiguous`.
 */
export function layoutFlags(geometry: BaseGeometry): number {
  let flags = 0;
  if (geometry.ndim === 0) flags |= NDArrayFlags.SCALAR;
  if (geometry.suboffsets !== null) flags |= NDArrayFlags.PIL;
  if (isContiguous(geometry, "C")) flags |= NDArrayFlags.C;
  if (isContiguous(geometry, "F")) flags |= NDArrayFlags.FORTRAN;
  return flags;
}

/** `CHECK_LIST_OR_TUPLE`: JS arrays stand for lists and tuples. */
function assertSequence(value: unknown, name: string): asserts value is readonly unknown[] {
  if (!isArraySafely(value)) throw new PyTypeError(`${name} must be a list or a tuple`, lookCause(value));
}

/** `seq_as_ssize_array`: integers, non-negative for a shape. */
function ssizeArray(values: readonly unknown[], isShape: boolean): number[] {
  const what = isShape ? "shape" : "strides";
  return values.map((value) => {
    if (typeof value === "bigint") {
      if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new OverflowError("Python int too large to convert to C ssize_t");
      }
      value = Number(value);
    } else if (typeof value === "boolean") {
      value = value ? 1 : 0;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new ValueError(`elements of ${what} must be integers`);
    }
    if (!Number.isSafeInteger(value)) throw new OverflowError("Python int too large to convert to C ssize_t");
    if (isShape && value < 0) throw new ValueError("elements of shape must be integers >= 0");
    return value;
  });
}

/**
 * `verify_structure`: strides must be multiples of the item size, and every
 * reachable item must lie inside the `length` bytes of data.
 */
export function verifyStructure(
  length: number,
  itemsize: number,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
): void {
  const invalid = (): ValueError => new ValueError("invalid combination of buffer, shape and strides");
  if (shape.length === 0 && (offset < 0 || offset + itemsize > length)) throw invalid();
  if (strides.some((stride) => stride % itemsize !== 0)) throw new ValueError("strides must be a multiple of itemsize");
  if (shape.includes(0)) return;
  let low = 0;
  let high = 0;
  shape.forEach((extent, n) => {
    const span = (extent - 1) * strides[n]!;
    if (strides[n]! <= 0) low += span;
    else high += span;
  });
  if (low + offset < 0 || high + offset + itemsize > length) throw invalid();
}

/**
 * Packs one initializer element at `offset` (`pack_single`/`pack_from_list`):
 * a lone int, float or bytes for a one-member format, or an array with one
 * value per member.
 */
export function packElement(struct: Struct, valueCount: number, memory: MemoryBlock, offset: number, element: unknown): void {
  const scalar =
    typeof element === "number" || typeof element === "bigint" || typeof element === "boolean" || isUint8Array(element);
  if (scalar && valueCount === 1) {
    struct.packInto(memory, offset, element);
  } else if (isArraySafely(element) && element.length === valueCount) {
    struct.packInto(memory, offset, ...(element as unknown[]));
  } else {
    throw new ValueError("mismatch between initializer element and format string", lookCause(element));
  }
}

/** `init_ndbuf`: a new original base from items and a structure. */
export function buildBase(items: unknown, init: BaseInit, abi: AbiProfile): BaseBuffer {
  const format = init.format ?? "B";
  let flags = init.flags ?? 0;
  const offset = init.offset ?? 0;

  assertSequence(init.shape, "shape");
  const ndim = init.shape.length;
  if (ndim > ND_MAX_NDIM) throw new ValueError(`ndim must not exceed ${ND_MAX_NDIM}`);

  let strides: readonly unknown[] | undefined;
  if (init.strides !== undefined && init.strides !== null) {
    assertSequence(init.strides, "strides");
    if (init.strides.length === 0) strides = undefined;
    else if (flags & NDArrayFlags.FORTRAN) throw new PyTypeError("ND_FORTRAN cannot be used together with strides");
    else if (init.strides.length !== ndim) throw new ValueError("len(shape) != len(strides)");
    else strides = init.strides;
  }

  const struct = new Struct(format, { abi: abi.name });
  const itemsize = struct.size;
  if (itemsize === 0) throw new ValueError("itemsize must not be zero");

  const elements: readonly unknown[] = ndim === 0 ? [items] : (assertSequence(items, "items"), items);
  if (elements.length === 0) throw new ValueError("initializer list or tuple must not be empty");

  // ndbuf_new
  const length = elements.length * itemsize;
  if (!Number.isInteger(offset) || offset % itemsize !== 0) throw new ValueError("offset must be a multiple of itemsize");
  if (offset < 0 || offset + itemsize > length) throw new ValueError("offset out of bounds");
  let memory: ArrayBuffer = allocateBytes(length, (size) => new Uint8Array(size)).buffer as ArrayBuffer;

  // init_simple. Every index, holes included: a sparse array claiming 2**32 - 1
  // items fails at its first hole (as None would), where forEach would skip
  // the holes one by one for minutes and leave their items zero.
  const valueCount = struct.valueCount;
  for (let i = 0; i < elements.length; i++) packElement(struct, valueCount, memory, i * itemsize, elements[i]);

  const geometry: BaseGeometry = {
    memory,
    buf: offset,
    len: length,
    itemsize,
    readonly: (flags & NDArrayFlags.WRITABLE) === 0,
    format,
    ndim,
    shape: null,
    strides: null,
    suboffsets: null,
  };
  const base: BaseBuffer = { geometry, offset, flags, exports: 0, obj: null };

  // init_structure
  if (ndim === 0) {
    if (flags & NDArrayFlags.PIL) throw new PyTypeError("ndim = 0 cannot be used in conjunction with ND_PIL");
    base.flags |= NDArrayFlags.SCALAR | NDArrayFlags.C | NDArrayFlags.FORTRAN;
    geometry.len = itemsize;
    return base;
  }
  const shape = ssizeArray(init.shape, true);
  geometry.shape = shape;
  geometry.strides = strides !== undefined ? ssizeArray(strides, false) : fillContiguousStrides(shape, itemsize, flags & NDArrayFlags.FORTRAN ? "F" : "C");
  verifyStructure(length, itemsize, offset, shape, geometry.strides);
  geometry.len = shape.reduce((product, extent) => product * extent, itemsize);
  flags &= ~(NDArrayFlags.C | NDArrayFlags.FORTRAN);
  if (isContiguous(geometry, "C")) flags |= NDArrayFlags.C;
  if (isContiguous(geometry, "F")) flags |= NDArrayFlags.FORTRAN;
  base.flags = flags;

  if (flags & NDArrayFlags.PIL) {
    memory = convertToSuboffsets(base, abi);
  }
  return base;
}

/**
 * `init_suboffsets`: prepends an array of `shape[0]` pointers (padded to a
 * multiple of 8 bytes) to the data, each pointing at one sub-array, and
 * describes dimension 0 through them. Pointers are byte offsets into the
 * same memory block, written as little-endian integers of pointer size.
 */
function convertToSuboffsets(base: BaseBuffer, abi: AbiProfile): ArrayBuffer {
  const geometry = base.geometry;
  const shape = geometry.shape!;
  const strides = geometry.strides!;
  const pointerSize = abi.pointer;
  const headerSize = 8 * Math.ceil((shape[0]! * pointerSize) / 8);
  const memory = new ArrayBuffer(headerSize + geometry.memory.byteLength);
  new Uint8Array(memory).set(new Uint8Array(geometry.memory), headerSize);

  let lowest = 0;
  let suboffset0 = 0;
  for (let n = 0; n < geometry.ndim; n++) {
    if (shape[n] === 0) break;
    if (strides[n]! <= 0) {
      const span = (shape[n]! - 1) * strides[n]!;
      lowest += span;
      if (n >= 1) suboffset0 -= span;
    }
  }
  const start = headerSize + base.offset + lowest;
  const step = Math.abs(strides[0]!);
  const pointers = new DataView(memory);
  for (let n = 0; n < shape[0]!; n++) {
    const target = start + n * step;
    if (pointerSize === 8) pointers.setBigUint64(n * 8, BigInt(target), true);
    else pointers.setUint32(n * 4, target, true);
  }

  geometry.memory = memory;
  geometry.buf = 0;
  geometry.suboffsets = [suboffset0, ...new Array<number>(geometry.ndim - 1).fill(-1)];
  if (strides[0]! >= 0) {
    strides[0] = pointerSize;
  } else {
    strides[0] = -pointerSize;
    if (shape[0]! > 0) geometry.buf = (shape[0]! - 1) * pointerSize;
  }
  base.flags &= ~(NDArrayFlags.C | NDArrayFlags.FORTRAN);
  base.offset = 0;
  return memory;
}
