/**
 * How a property's case ends other than by passing: an adapter fault
 * (ERROR), a failed check (FAIL), or a case that does not apply (counted);
 * and which raw failures are MUST violations.
 *
 * @module
 */

import { isPythonError } from "@pybuffer/core";

/** The adapter itself failed (its factory or a hook threw): reported as ERROR, not FAIL. */
export class AdapterFault extends Error {
  override readonly name = "AdapterFault";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A property's check failed. */
export class CheckFailure extends Error {
  override readonly name = "CheckFailure";
  readonly check: string;
  constructor(check: string, message: string) {
    super(message);
    this.check = check;
  }
}

/** Thrown out of a property body when the case does not apply (counted, never a failure). */
export class NotApplicable extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/** IDs of the MUST properties the raw oracle reports (an answer with none of their problems is valid). */
export const RAW_MUST_IDS: ReadonlySet<string> = new Set([
  "getbuf.answer",
  "getbuf.serves-valid",
  "getbuf.writable",
  "getbuf.format",
  "getbuf.contiguity",
  "getbuf.suboffsets",
  "getbuf.strides",
  "getbuf.shape",
  "getbuf.format-without-shape",
  "getbuf.obj",
  "record.fields",
  "record.len",
  "record.itemsize",
  "record.readonly",
  "record.shape",
  "record.strides",
  "record.bounds",
  "record.scalar",
  "record.suboffsets",
]);

/** Whether an error is a BufferError (by `pythonType`, across realms and copies). */
export function isBufferError(error: unknown): boolean {
  return isPythonError(error, "BufferError");
}
