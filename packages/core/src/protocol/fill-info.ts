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
 * @example
 * ```ts
 * import { fillInfo, BufferFlags } from "@pybuffer/core";
 * const record = fillInfo(null, new ArrayBuffer(8), 2, 4, true, BufferFlags.ND);
 * [record.shape, record.strides, record.format]; // [[4], null, null]
 * ```
 */
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

