/**
 * An exporter over a buffer already held, so that what is written after a
 * header is exactly what the header was planned from: the exporter is asked
 * once, and a second request cannot give a different layout.
 *
 * @module
 */

import { getBufferSymbol, isContiguous, serveRequest, type BufferRecord, type RequestMessages } from "@pybuffer/core";

/** memoryview's messages (Objects/memoryobject.c, `memory_getbuf`): the held buffer is re-served as a view of it. */
const MESSAGES: RequestMessages = {
  notWritable: "memoryview: underlying buffer is not writable",
  notCContiguous: "memoryview: underlying buffer is not C-contiguous",
  notFortranContiguous: "memoryview: underlying buffer is not Fortran contiguous",
  notContiguous: "memoryview: underlying buffer is not contiguous",
  needsSuboffsets: "memoryview: underlying buffer requires suboffsets",
  formatWithoutShape: "memoryview: cannot cast to unsigned bytes if the format flag is present",
};

/**
 * The items of `record` for a C-order writer: the record itself, or, when
 * the file keeps Fortran order (the record is then Fortran-contiguous), its
 * bytes in memory order as one run of unsigned bytes.
 */
export function heldItems(record: BufferRecord, fortranOrder: boolean): object {
  const base: BufferRecord = fortranOrder
    ? { ...record, format: "B", itemsize: 1, ndim: 1, shape: [record.len], strides: [1], suboffsets: null }
    : record;
  const contiguity = { cContiguous: isContiguous(base, "C"), fortranContiguous: isContiguous(base, "F") };
  const owner = {
    [getBufferSymbol]: (flags: number): BufferRecord => serveRequest({ ...base, obj: owner }, flags, owner, contiguity, MESSAGES),
  };
  return owner;
}
