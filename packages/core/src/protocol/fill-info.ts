/**
 * `PyBuffer_FillInfo`: the record of a plain, one-dimensional byte buffer,
 * answering any request the way CPython does.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { BufferError, ValueError } from "../errors/python-errors.ts";
import type { MemoryBlock } from "./buffer-record.ts";
import { CoreRecord } from "./core-record.ts";
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
): CoreRecord {
  assertRequestFlags(flags);
  if (requests(flags, BufferFlags.WRITABLE) && readonly) {
    throw new BufferError("Object is not writable.");
  }
  if (!Number.isSafeInteger(buf) || !Number.isSafeInteger(len) || buf < 0 || len < 0 || buf + len > blockByteLength(memory)) {
    throw new ValueError(
      `fillInfo: ${len} bytes at offset ${buf} are outside the memory block of ${blockByteLength(memory)} bytes`,
    );
  }
  return new CoreRecord(
    exporter,
    memory,
    buf,
    len,
    1,
    readonly,
    requests(flags, BufferFlags.FORMAT) ? "B" : null,
    1,
    requests(flags, BufferFlags.ND) ? [len] : null,
    requests(flags, BufferFlags.STRIDES) ? [1] : null,
    null,
    null,
  );
}

