/**
 * CPython's leniency towards exporters that leave fields out: `memoryview`
 * reads a NULL `format` as `"B"` (Objects/memoryobject.c, `init_flags` and
 * `PyBuffer_FillInfo`'s convention) and gives a record with NULL `strides`
 * the C-contiguous strides of its shape (`init_shape_strides` calling
 * `init_strides_from_shape`), even when the request asked for strides:
 * ctypes arrays answer that way. The filled-in record is then validated
 * like any other, so nothing filled in can reach outside the block.
 *
 * @module
 */

import { fillContiguousStrides } from "./contiguity.ts";
import { CoreRecord } from "./core-record.ts";
import { BufferFlags, requests } from "./flags.ts";

/**
 * `record` with an omitted `format` read as `"B"` when FORMAT was requested,
 * and omitted `strides` filled in as C-contiguous when STRIDES was
 * requested; the same record when nothing is omitted or the fields it would
 * take are not sound (validation refuses those). O(ndim).
 */
export function withOmittedFields(record: CoreRecord, flags: number): CoreRecord {
  const fillFormat = record.format === null && requests(flags, BufferFlags.FORMAT);
  const fillStrides =
    record.strides === null &&
    requests(flags, BufferFlags.STRIDES) &&
    Number.isSafeInteger(record.itemsize) &&
    Number.isSafeInteger(record.ndim) &&
    record.ndim > 0 &&
    Array.isArray(record.shape) &&
    record.shape.length === record.ndim &&
    record.shape.every((extent) => Number.isSafeInteger(extent) && extent >= 0);
  if (!fillFormat && !fillStrides) return record;
  const { obj, memory, buf, len, itemsize, readonly, format, ndim, shape, strides, suboffsets, internal, abi } = record;
  return new CoreRecord(
    obj,
    memory,
    buf,
    len,
    itemsize,
    readonly,
    fillFormat ? "B" : format,
    ndim,
    shape,
    fillStrides ? Object.freeze(fillContiguousStrides(shape!, itemsize, "C")) : strides,
    suboffsets,
    internal,
    abi,
  );
}
