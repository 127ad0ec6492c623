/**
 * Where `pack_into` and `unpack_from` put their record: the offset checks of
 * `s_pack_into` and `s_unpack_from_impl` in CPython's Modules/_struct.c, with
 * their messages. The arithmetic is exact for every `Py_ssize_t`, so an offset
 * past 2**53 (given as a bigint) prints as CPython prints it.
 *
 * @module
 */

import { StructError } from "../errors/python-errors.ts";

/** The two functions that take an offset; their messages differ in wording only. */
export type OffsetOperation = "pack_into" | "unpack_from";

/**
 * The byte at which a record of `size` bytes starts in a buffer of `length`
 * bytes, for an offset already converted to a `Py_ssize_t` (a negative one
 * counts from the end).
 *
 * @throws StructError when the record does not fit, in CPython's words.
 */
export function recordStart(offset: number | bigint, size: number, exactSize: bigint, length: number, operation: OffsetOperation): number {
  // The common case needs no bigint: a non-negative offset with room for the record.
  if (typeof offset === "number" && offset >= 0 && length - offset >= size) return offset;
  let start = BigInt(offset);
  const bufferLength = BigInt(length);
  if (start < 0n) {
    if (start + exactSize > 0n) {
      throw new StructError(
        operation === "pack_into"
          ? `no space to pack ${exactSize} bytes at offset ${start}`
          : `not enough data to unpack ${exactSize} bytes at offset ${start}`,
      );
    }
    if (start + bufferLength < 0n) throw new StructError(`offset ${start} out of range for ${length}-byte buffer`);
    start += bufferLength;
  }
  if (bufferLength - start < exactSize) {
    const [verb, gerund] = operation === "pack_into" ? ["pack_into", "packing"] : ["unpack_from", "unpacking"];
    throw new StructError(
      `${verb} requires a buffer of at least ${exactSize + start} bytes for ${gerund} ${exactSize} bytes ` +
        `at offset ${start} (actual buffer size is ${length})`,
    );
  }
  return Number(start);
}
