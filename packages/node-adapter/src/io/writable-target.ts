/**
 * Taking the buffer a read stores into: any writable exporter, strided or
 * not (CPython's `readinto` takes only contiguous ones), refused with
 * CPython's `TypeError` when it is not writable at all.
 *
 * @module
 */

import {
  BufferFlags,
  checkBuffer,
  getBuffer,
  releaseBuffer,
  writableBytesArgument,
  type AbiName,
  type BufferRecord,
} from "@pybuffer/core";
import { abiOptions } from "../internal/abi-options.ts";

/** Whether `target` exports a readable buffer. */
function isReadable(target: unknown, abi: AbiName | undefined): boolean {
  try {
    releaseBuffer(getBuffer(target, BufferFlags.FULL_RO, abiOptions(abi)));
    return true;
  } catch {
    return false;
  }
}

/**
 * A writable FULL buffer of `target`.
 *
 * @throws PyTypeError "readinto() argument 1 must be read-write bytes-like object, not X"
 * for a non-exporter or a read-only one (core builds the message, as for `w*`).
 * @throws BufferError for a writable exporter that cannot give its buffer (memory gone, say).
 */
export function acquireWritable(target: unknown, abi: AbiName | undefined): BufferRecord {
  try {
    return getBuffer(target, BufferFlags.FULL, abiOptions(abi));
  } catch (error) {
    if (checkBuffer(target) && !isReadable(target, abi)) throw error;
    // Not an exporter, or a read-only one: CPython's TypeError, worded by core's `w*` helper.
    writableBytesArgument(target, { functionName: "readinto", position: 1 }).release();
    throw error;
  }
}
