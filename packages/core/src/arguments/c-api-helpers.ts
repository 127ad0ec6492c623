/**
 * The C API's buffer helpers as the package exports them
 * (`PyBuffer_ToContiguous`, `PyBuffer_FromContiguous`, `PyBuffer_GetPointer`,
 * `PyBuffer_IsContiguous`, `PyBuffer_FillContiguousStrides`, `PyBuffer_FillInfo`, in
 * Objects/abstract.c): each checks its arguments where they enter (a
 * record through {@link recordArgument}, options through `readOptions`,
 * byte arrays for live memory), then runs the protocol's own helper, which
 * the package's consumers call directly on records they built.
 *
 * @module
 */

import { PyTypeError, ValueError } from "../errors/python-errors.ts";
import { assertLiveBytes } from "../internal/live-bytes.ts";
import { readOptions } from "../internal/options.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import type { BufferRecord, MemoryBlock } from "../protocol/buffer-record.ts";
import { isMemoryBlock } from "../protocol/builtin-exporters.ts";
import {
  fillContiguousStrides as fillStrides,
  isContiguous as isLayoutContiguous,
  type BufferLayout,
  type ContiguityOrder,
} from "../protocol/contiguity.ts";
import { fromContiguous as scatter, toContiguous as gather } from "../protocol/contiguous-copy.ts";
import { fillInfo as fillRecord } from "../protocol/fill-info.ts";
import { MAX_NDIM } from "../protocol/flags.ts";
import { GET_BUFFER_OPTIONS, type GetBufferOptions } from "../protocol/get-buffer.ts";
import { getPointer as pointerOf } from "../protocol/get-pointer.ts";
import { layoutArgument, recordArgument } from "./record-argument.ts";

/**
 * `PyBuffer_ToContiguous(buf, src, len, order)`: the items of `view` as
 * contiguous bytes. A view already contiguous in `order` is copied as it lies
 * in memory, so `'A'` keeps the physical order of a Fortran-contiguous view;
 * otherwise items are laid out in C order (`'C'`, `'A'`) or F order (`'F'`).
 * Writes into `target` when given (its length must be `view.len`). A record
 * that did not come from {@link getBuffer} is validated like an exporter's.
 *
 * @throws ValueError "PyBuffer_ToContiguous: len != view->len" for a target of the wrong length,
 * or for an order other than 'C', 'F', 'A'.
 * @throws BufferError when the view's memory was detached or shrunk, or for an unsound record.
 * @throws PyTypeError for a `view` that is no object, a `target` that is no `Uint8Array`, or bad options.
 * @example
 * ```ts
 * import { toContiguous, NDArray, getBuffer, BufferFlags } from "@pybuffer/core";
 * const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "B" });
 * const view = getBuffer(nd, BufferFlags.FULL_RO);
 * toContiguous(view, "F"); // Uint8Array [1, 4, 2, 5, 3, 6]
 * ```
 *
 * @since 0.1.0
 */
export function toContiguous(view: BufferRecord, order: ContiguityOrder = "C", target?: Uint8Array, options?: GetBufferOptions): Uint8Array {
  const checked = readOptions(options, "toContiguous", GET_BUFFER_OPTIONS);
  const record = recordArgument(view, "toContiguous", checked.abi);
  if (target !== undefined) assertLiveBytes(target, "toContiguous", "target");
  return gather(record, order, target, checked);
}

/**
 * `PyBuffer_FromContiguous(view, buf, len, fort)`: writes `min(source.length,
 * view.len)` bytes into the items of `view`, in F order for `'F'` and C order
 * otherwise (a raw copy when `view` is contiguous in `order`). A short source
 * fills the first items only. A record that did not come from
 * {@link getBuffer} is validated like an exporter's.
 *
 * @throws BufferError for a read-only view (C would write anyway), when its memory is gone, or for an unsound record.
 * @throws PyTypeError for a `view` that is no object, a `source` that is no `Uint8Array`, or bad options.
 * @example
 * ```ts
 * import { fromContiguous, getBuffer, BufferFlags } from "@pybuffer/core";
 * const target = new Uint8Array(4);
 * fromContiguous(getBuffer(target, BufferFlags.FULL), new Uint8Array([9, 8]), "C"); // target: [9, 8, 0, 0]
 * ```
 *
 * @since 0.1.0
 */
export function fromContiguous(view: BufferRecord, source: Uint8Array, order: ContiguityOrder = "C", options?: GetBufferOptions): void {
  const checked = readOptions(options, "fromContiguous", GET_BUFFER_OPTIONS);
  const record = recordArgument(view, "fromContiguous", checked.abi);
  assertLiveBytes(source, "fromContiguous", "source");
  scatter(record, source, order, checked);
}

/**
 * The byte offset, in `view.memory`, of the item at `indices` (one per
 * dimension), following suboffset pointers. C checks nothing; this checks
 * the record, the index count and each index against the shape.
 *
 * @throws ValueError when the record has no strides (C dereferences them) or `indices` has the wrong length.
 * @throws IndexError "index out of bounds on dimension N" (1-based, as memoryview says it).
 * @throws PyTypeError when `indices` is not an array of numbers; BufferError for an unsound record.
 * @example
 * ```ts
 * import { getPointer, getBuffer, BufferFlags } from "@pybuffer/core";
 * const view = getBuffer(new Int32Array(8).subarray(2), BufferFlags.STRIDES);
 * getPointer(view, [1]); // 12
 * ```
 *
 * @since 0.1.0
 */
export function getPointer(view: BufferRecord, indices: readonly number[], options?: GetBufferOptions): number {
  const checked = readOptions(options, "getPointer", GET_BUFFER_OPTIONS);
  const record = recordArgument(view, "getPointer", checked.abi);
  return pointerOf(record, integerList(indices, "getPointer", "indices"), checked);
}

/**
 * `PyBuffer_IsContiguous(view, order)`: whether `view` is contiguous in
 * `order` (`false` for any other order, as C's 0). A buffer with
 * suboffsets is never contiguous; an empty one (`len == 0`) always is;
 * extents of 1 ignore their stride (CPython issue #22445).
 *
 * @throws PyTypeError for a `view` that is no object; BufferError for a layout whose fields are not numbers and arrays of ndim numbers.
 * @example
 * ```ts
 * import { isContiguous, getBuffer, BufferFlags } from "@pybuffer/core";
 * isContiguous(getBuffer(new Uint8Array(6), BufferFlags.STRIDES), "C"); // true
 * ```
 *
 * @since 0.1.0
 */
export function isContiguous(view: BufferLayout, order: string): boolean {
  return isLayoutContiguous(layoutArgument(view, "isContiguous"), order);
}

/**
 * `PyBuffer_FillContiguousStrides`: Fortran strides for `'F'`, C strides for
 * any other order character (including `'A'`, as in CPython).
 *
 * @throws PyTypeError when `shape` is not an array of at most 64 integers, or
 * `itemsize` is not a number; ValueError for a negative extent or itemsize.
 * @example
 * ```ts
 * import { fillContiguousStrides } from "@pybuffer/core";
 * fillContiguousStrides([3, 4], 2, "C"); // [8, 2]
 * fillContiguousStrides([3, 4], 2, "F"); // [2, 6]
 * ```
 *
 * @since 0.1.0
 */
export function fillContiguousStrides(shape: readonly number[], itemsize: number, order: string): number[] {
  const extents = integerList(shape, "fillContiguousStrides", "shape");
  if (!extents.every((extent) => Number.isSafeInteger(extent) && extent >= 0)) {
    throw new ValueError("fillContiguousStrides(): shape must hold non-negative integers");
  }
  if (typeof itemsize !== "number") {
    throw new PyTypeError(`fillContiguousStrides() argument 'itemsize' must be int, not '${pythonTypeName(itemsize)}'`);
  }
  if (!Number.isSafeInteger(itemsize) || itemsize < 0) {
    throw new ValueError(`fillContiguousStrides(): itemsize must be a non-negative integer, not ${itemsize}`);
  }
  return fillStrides(extents, itemsize, order);
}

/**
 * Fills a record for `len` bytes at byte offset `buf` of `memory`, as
 * `PyBuffer_FillInfo` does: format `"B"` only if FORMAT was requested, shape
 * only with ND, strides only with STRIDES; C, F, ANY and INDIRECT requests
 * are all met (a 1-D byte buffer is every kind of contiguous). Pass the
 * exporter itself as `exporter` inside a get method, `null` elsewhere.
 *
 * @throws BufferError "Object is not writable." for a WRITABLE request on read-only memory.
 * @throws SystemError for `READ`/`WRITE` passed as a request (CPython 3.13+).
 * @throws ValueError when `[buf, buf + len)` is not inside `memory` (undefined behaviour in C).
 * @throws PyTypeError for an `exporter` that is no object, `memory` that is no memory block, a non-boolean `readonly`.
 * @example
 * ```ts
 * import { fillInfo, BufferFlags } from "@pybuffer/core";
 * const record = fillInfo(null, new ArrayBuffer(8), 2, 4, true, BufferFlags.ND);
 * [record.shape, record.strides, record.format]; // [[4], null, null]
 * ```
 *
 * @since 0.1.0
 */
export function fillInfo(exporter: object | null, memory: MemoryBlock, buf: number, len: number, readonly: boolean, flags: number): BufferRecord {
  if (exporter !== null && typeof exporter !== "object" && typeof exporter !== "function") {
    throw new PyTypeError(`fillInfo() argument 'exporter' must be an object or null, not '${pythonTypeName(exporter)}'`);
  }
  if (!isMemoryBlock(memory)) {
    throw new PyTypeError(`fillInfo() argument 'memory' must be ArrayBuffer or SharedArrayBuffer, not '${pythonTypeName(memory)}'`);
  }
  if (typeof readonly !== "boolean") throw new PyTypeError(`fillInfo() argument 'readonly' must be bool, not '${pythonTypeName(readonly)}'`);
  for (const [name, value] of [["buf", buf], ["len", len]] as const) {
    if (typeof value !== "number") throw new PyTypeError(`fillInfo() argument '${name}' must be int, not '${pythonTypeName(value)}'`);
  }
  return fillRecord(exporter, memory, buf, len, readonly, flags);
}

/**
 * An array of at most {@link MAX_NDIM} numbers, read once into a copy
 * (one per dimension, so a hostile length costs nothing); the caller
 * checks their values.
 */
function integerList(value: unknown, caller: string, argument: string): number[] {
  let length: number;
  try {
    length = Array.isArray(value) ? value.length : -1;
  } catch (error) {
    throw new PyTypeError(`${caller}() argument '${argument}' cannot be read`, { cause: error });
  }
  if (length < 0) throw new PyTypeError(`${caller}() argument '${argument}' must be an array of integers, not '${pythonTypeName(value)}'`);
  if (length > MAX_NDIM) throw new ValueError(`${caller}(): ${length} ${argument} exceed the maximum of ${MAX_NDIM} dimensions`);
  const copy = new Array<number>(length);
  for (let i = 0; i < length; i++) {
    let item: unknown;
    try {
      item = (value as unknown[])[i];
    } catch (error) {
      throw new PyTypeError(`${caller}() argument '${argument}' cannot be read at ${i}`, { cause: error });
    }
    if (typeof item !== "number") {
      throw new PyTypeError(`${caller}() argument '${argument}' must be an array of integers, not one holding '${pythonTypeName(item)}'`);
    }
    copy[i] = item;
  }
  return copy;
}
