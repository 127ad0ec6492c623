/**
 * The C API's memoryview constructors: `PyMemoryView_FromMemory`,
 * `PyMemoryView_FromBuffer` and `PyMemoryView_GetContiguous`.
 *
 * @module
 */

import { BufferError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { optionChecks } from "../internal/options.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { isMemoryBlock } from "../protocol/builtin-exporters.ts";
import type { BufferRecord, MemoryBlock } from "../protocol/buffer-record.ts";
import { fillContiguousStrides, isContiguous } from "../protocol/contiguity.ts";
import { fillInfo } from "../arguments/c-api-helpers.ts";
import { BufferFlags } from "../protocol/flags.ts";
import { validatedSnapshot } from "../protocol/get-buffer.ts";
import type { AbiName } from "../format/abi.ts";
import { MemoryView, tooManyDimensions, viewOfTemporaryRecord } from "./memoryview.ts";

function assertBufferType(flags: number): void {
  if (flags !== BufferFlags.READ && flags !== BufferFlags.WRITE) {
    throw new ValueError("invalid buffer type (expected BufferFlags.READ or BufferFlags.WRITE)");
  }
}

/**
 * `PyMemoryView_FromMemory(mem, size, flags)`: a 1-D `'B'` view of `size`
 * bytes at `offset` in `memory`, writable with `BufferFlags.WRITE`, read-only
 * with `READ`. Its `obj` is `null`.
 *
 * @example
 * ```ts
 * import { memoryViewFromMemory, BufferFlags } from "@pybuffer/core";
 * const m = memoryViewFromMemory(new ArrayBuffer(16), 4, 8, BufferFlags.WRITE);
 * [m.nbytes, m.readonly, m.obj]; // [8, false, null]
 * ```
 *
 * @since 0.1.0
 */
export function memoryViewFromMemory(memory: MemoryBlock, offset: number, size: number, flags: number): MemoryView {
  assertBufferType(flags);
  if (!isMemoryBlock(memory)) {
    throw new PyTypeError(`memoryViewFromMemory() argument 'memory' must be ArrayBuffer or SharedArrayBuffer, not '${pythonTypeName(memory)}'`);
  }
  return viewOfTemporaryRecord(fillInfo(null, memory, offset, size, flags !== BufferFlags.WRITE, BufferFlags.FULL_RO));
}

/**
 * `PyMemoryView_FromBuffer(info)`: a view of a record that no exporter owns
 * (its `obj` is `null`). The one way to view an incomplete record: a missing
 * format is `'B'`, a missing shape `[len / itemsize]`, missing strides C strides.
 * The record is validated like any exporter's.
 *
 * @throws ValueError "PyMemoryView_FromBuffer(): info->buf must not be NULL" without memory, or for an unknown `abi`.
 * @throws PyTypeError for a `record` that is no object; BufferError for an unsound one (the cause kept when reading it threw).
 * @example
 * ```ts
 * import { memoryViewFromBuffer, fillInfo, BufferFlags } from "@pybuffer/core";
 * memoryViewFromBuffer(fillInfo(null, new ArrayBuffer(6), 0, 6, true, BufferFlags.SIMPLE)).shape; // [6]
 * ```
 *
 * @since 0.1.0
 */
export function memoryViewFromBuffer(record: BufferRecord, abi?: AbiName): MemoryView {
  if (abi !== undefined) optionChecks.abi(abi, "abi", "memoryViewFromBuffer");
  if (typeof record !== "object" || record === null) {
    throw new PyTypeError(`memoryViewFromBuffer() argument must be a buffer record, not '${pythonTypeName(record)}'`);
  }
  // C's NULL check first; the snapshot below reads every field again, once, and validates what it read.
  let memory: unknown;
  try {
    memory = (record as { memory?: unknown }).memory;
  } catch (error) {
    throw new BufferError("invalid buffer record: reading its memory raised an error", { cause: error });
  }
  if (memory === null || memory === undefined) {
    throw new ValueError("PyMemoryView_FromBuffer(): info->buf must not be NULL");
  }
  const snapshot = validatedSnapshot(record, "as-present", abi, { maxNdim: 64, tooManyDimensions, keptPrivate: true });
  return viewOfTemporaryRecord({ ...snapshot, obj: null }, abi);
}

/**
 * `PyMemoryView_GetContiguous(obj, buffertype, order)`: a view of `obj` that
 * is contiguous in `order`: the original memory when it already is, otherwise
 * a read-only copy (with C strides for 'C' and 'A', F strides for 'F').
 *
 * @throws BufferError "underlying buffer is not writable" for WRITE on read-only memory;
 * "writable contiguous buffer requested for a non-contiguous object." for WRITE when a copy would be needed.
 * @example
 * ```ts
 * import { getContiguous, NDArray, slice, BufferFlags } from "@pybuffer/core";
 * const strided = new NDArray([1, 2, 3, 4], { shape: [4] }).get(slice(null, null, 2));
 * getContiguous(strided, BufferFlags.READ, "C").toList(); // [1, 3] (a copy)
 * ```
 *
 * @since 0.1.0
 */
export function getContiguous(obj: unknown, bufferType: number, order: "C" | "F" | "A"): MemoryView {
  assertBufferType(bufferType);
  if (order !== "C" && order !== "F" && order !== "A") throw new ValueError("order must be 'C', 'F' or 'A'");
  const view = new MemoryView(obj);
  const layout = { len: view.nbytes, itemsize: view.itemsize, ndim: view.ndim, shape: view.shape, strides: view.strides, suboffsets: view.suboffsets.length > 0 ? view.suboffsets : null };
  if (bufferType === BufferFlags.WRITE && view.readonly) {
    view.release();
    throw new BufferError("underlying buffer is not writable");
  }
  if (isContiguous(layout, order)) return view;
  if (bufferType === BufferFlags.WRITE) {
    view.release();
    throw new BufferError("writable contiguous buffer requested for a non-contiguous object.");
  }
  const bytes = view.toBytes(order === "F" ? "F" : "C");
  const copy: BufferRecord = {
    obj: bytes,
    memory: bytes.buffer,
    buf: 0,
    len: bytes.length,
    itemsize: layout.itemsize,
    readonly: true,
    format: view.format,
    ndim: layout.ndim,
    shape: layout.ndim === 0 ? null : layout.shape,
    strides: layout.ndim === 0 ? null : fillContiguousStrides(layout.shape, layout.itemsize, order === "F" ? "F" : "C"),
    suboffsets: null,
    internal: null,
    abi: view.abi,
  };
  view.release();
  return viewOfTemporaryRecord(copy);
}

