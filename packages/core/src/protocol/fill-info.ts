/**
 * `PyBuffer_FillInfo`: the record of a plain, one-dimensional byte buffer,
 * answering any request the way CPython does.
 *
 * @module
 */

import { BufferError, ValueError } from "../errors/python-errors.ts";
import type { BufferRecord, MemoryBlock } from "./buffer-record.ts";
import { assertRequestFlags } from "./request-flags.ts";
import { BufferFlags, requests } from "./flags.ts";

/** `PyBuffer_FillInfo` on arguments known to be sound; the public, checked entry is in arguments/c-api-helpers.ts. */
export function fillInfo(
  exporter: object | null,
  memory: MemoryBlock,
  buf: number,
  len: number,
  readonly: boolean,
  flags: number,
): BufferRecord {
  assertRequestFlags(flags);
  if (requests(flags, BufferFlags.WRITABLE) && readonly) {
    throw new BufferError("Object is not writable.");
  }
  if (!Number.isSafeInteger(buf) || !Number.isSafeInteger(len) || buf < 0 || len < 0 || buf + len > memory.byteLength) {
    throw new ValueError(
      `fillInfo: ${len} bytes at offset ${buf} are outside the memory block of ${memory.byteLength} bytes`,
    );
  }
  return {
    obj: exporter,
    memory,
    buf,
    len,
    itemsize: 1,
    readonly,
    format: requests(flags, BufferFlags.FORMAT) ? "B" : null,
    ndim: 1,
    shape: requests(flags, BufferFlags.ND) ? [len] : null,
    strides: requests(flags, BufferFlags.STRIDES) ? [1] : null,
    suboffsets: null,
    internal: null,
  };
}

