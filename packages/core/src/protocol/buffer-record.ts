/**
 * The buffer record: CPython's `Py_buffer`, in byte units, over a JavaScript
 * memory block. Pointers (C's `buf`, suboffset targets, `P` items) are byte
 * offsets into that same block, the way WebAssembly linear memory works.
 *
 * @module
 */

import type { AbiName } from "../format/abi.ts";
import type { getBufferSymbol, releaseBufferSymbol } from "./symbols.ts";

/**
 * The memory a buffer lives in.
 *
 * @example
 * ```ts
 * import type { MemoryBlock } from "@pybuffer/core";
 * const block: MemoryBlock = new SharedArrayBuffer(16);
 * ```
 *
 * @since 0.1.0
 */
export type MemoryBlock = ArrayBuffer | SharedArrayBuffer;

/**
 * `Py_buffer`: what an exporter returns for a request, and what a consumer
 * reads. Every field keeps CPython's meaning (Doc/c-api/buffer.rst, Py_buffer); all sizes, offsets,
 * strides and suboffsets are in bytes.
 *
 * @example
 * ```ts
 * import { getBuffer, releaseBuffer, BufferFlags } from "@pybuffer/core";
 * const record = getBuffer(new Int16Array([1, 2, 3]), BufferFlags.FULL_RO);
 * [record.format, record.itemsize, record.shape, record.strides]; // ["h", 2, [3], [2]]
 * releaseBuffer(record);
 * ```
 *
 * @since 0.1.0
 */
export interface BufferRecord {
  /**
   * The exporter, or `null` for a temporary buffer (one made by
   * `fillInfo(null, ...)`). {@link releaseBuffer} sets it to `null`.
   *
   * @since 0.1.0
   */
  obj: object | null;
  /**
   * The memory block. An exporter over a `WebAssembly.Memory` gives
   * `growableBlock(memory)` (or, untyped, the memory itself): consumers then
   * follow the memory's growth to its current buffer, at the same offsets.
   *
   * @since 0.1.0
   */
  readonly memory: MemoryBlock;
  /**
   * Byte offset of the logical start (element `[0, ..., 0]`) in `memory`: C's `buf`.
   *
   * @since 0.1.0
   */
  readonly buf: number;
  /**
   * `product(shape) * itemsize`: the size of a contiguous copy.
   *
   * @since 0.1.0
   */
  readonly len: number;
  /**
   * Bytes per item; kept even when `format` is `null`.
   *
   * @since 0.1.0
   */
  readonly itemsize: number;
  /** @since 0.1.0 */
  readonly readonly: boolean;
  /**
   * A `struct` format; `null` means `"B"` (and that FORMAT was not requested).
   *
   * @since 0.1.0
   */
  readonly format: string | null;
  /**
   * 0 for a scalar; at most {@link MAX_NDIM}.
   *
   * @since 0.1.0
   */
  readonly ndim: number;
  /**
   * `ndim` extents, or `null` when ND was not requested (or `ndim` is 0).
   *
   * @since 0.1.0
   */
  readonly shape: readonly number[] | null;
  /**
   * `ndim` byte strides, or `null`, which means C-contiguous.
   *
   * @since 0.1.0
   */
  readonly strides: readonly number[] | null;
  /**
   * PIL-style indirection per dimension, or `null` when there is none.
   *
   * @since 0.1.0
   */
  readonly suboffsets: readonly number[] | null;
  /**
   * Private to the exporter; a consumer never touches it.
   *
   * @since 0.1.0
   */
  readonly internal: unknown;
  /**
   * The ABI whose native sizes the format and the pointers use, when the
   * exporter's data comes from another platform (Pyodide's `wasm32`, say).
   * Absent means the consumer's choice, `lp64` by default.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
}

/**
 * An object that exports the buffer protocol: a get method under
 * {@link getBufferSymbol} and, optionally, a release method under
 * {@link releaseBufferSymbol}.
 *
 * @example
 * ```ts
 * import { type BufferExporter, getBufferSymbol, fillInfo } from "@pybuffer/core";
 * class Bytes implements BufferExporter {
 *   readonly memory = new ArrayBuffer(8);
 *   [getBufferSymbol](flags: number) { return fillInfo(this, this.memory, 0, 8, true, flags); }
 * }
 * ```
 *
 * @since 0.1.0
 */
export interface BufferExporter {
  /** @since 0.1.0 */
  [getBufferSymbol](flags: number): BufferRecord;
  /** @since 0.1.0 */
  [releaseBufferSymbol]?(view: BufferRecord): void;
}
