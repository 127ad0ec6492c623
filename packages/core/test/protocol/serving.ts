/** What the tests of exporters built on `serveRequest` share: refusal messages, and every request a consumer can make. */
import { BufferFlags, type RequestMessages } from "../../src/index.ts";

export const MESSAGES: RequestMessages = {
  notWritable: "not writable",
  notCContiguous: "not C",
  notFortranContiguous: "not F",
  notContiguous: "not contiguous",
  needsSuboffsets: "suboffsets",
  formatWithoutShape: "format without shape",
};

export const REQUESTS: readonly number[] = [
  BufferFlags.SIMPLE,
  BufferFlags.WRITABLE,
  BufferFlags.FORMAT,
  BufferFlags.ND,
  BufferFlags.STRIDES,
  BufferFlags.C_CONTIGUOUS,
  BufferFlags.F_CONTIGUOUS,
  BufferFlags.ANY_CONTIGUOUS,
  BufferFlags.INDIRECT,
  BufferFlags.CONTIG,
  BufferFlags.CONTIG_RO,
  BufferFlags.STRIDED,
  BufferFlags.STRIDED_RO,
  BufferFlags.RECORDS,
  BufferFlags.RECORDS_RO,
  BufferFlags.FULL,
  BufferFlags.FULL_RO,
];
