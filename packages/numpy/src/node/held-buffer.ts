/**
 * An exporter over a buffer already held, so that what is written after a
 * header is exactly what the header was planned from: the exporter is asked
 * once, and a second request cannot give a different layout.
 *
 * @module
 */

import { getBufferSymbol, isContiguous, serveRequest, type BufferRecord } from "@pybuffer/core";
import { NUMPY_REQUEST_MESSAGES } from "../npy/npy-array.ts";

/**
 * The items of `record` for a C-order writer: the record itself, or, when
 * the file keeps Fortran order (the record is then Fortran-contiguous), its
 * bytes in memory order as one run of unsigned bytes. Requests it cannot
 * serve are refused with NumPy's messages: it stands for the array being saved.
 */
export function heldItems(record: BufferRecord, fortranOrder: boolean): object {
  const base: BufferRecord = fortranOrder
    ? { ...record, format: "B", itemsize: 1, ndim: 1, shape: [record.len], strides: [1], suboffsets: null }
    : record;
  const contiguity = { cContiguous: isContiguous(base, "C"), fortranContiguous: isContiguous(base, "F") };
  const owner = {
    [getBufferSymbol]: (flags: number): BufferRecord => serveRequest({ ...base, obj: owner }, flags, owner, contiguity, NUMPY_REQUEST_MESSAGES),
  };
  return owner;
}
