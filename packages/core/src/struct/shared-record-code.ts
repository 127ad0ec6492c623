/**
 * Generated record code (format/record-code.ts), shared by every Struct of
 * one format and ABI profile. A Struct that generated its own would compile
 * the same source again for every instance of a format a program makes, and
 * every call site that runs generated code would meet a new function, which
 * V8 stops inlining past a few. Emptied when full, as CPython's `_struct`
 * cache of compiled formats is.
 *
 * @module
 */

import type { AbiName } from "../format/abi.ts";
import type { RecordCode } from "../format/record-code.ts";

const MAX_SHARED = 100;

/** Generated code by ABI profile, then by format text. */
const shared = new Map<AbiName, Map<string, RecordCode>>();
let count = 0;

/** The code a Struct of `format` under `abi` has generated, if one has. */
export function sharedRecordCode(abi: AbiName, format: string): RecordCode | undefined {
  return shared.get(abi)?.get(format);
}

/** Shares the code generated for `format` under `abi`. */
export function shareRecordCode(abi: AbiName, format: string, code: RecordCode): void {
  if (count >= MAX_SHARED) {
    shared.clear();
    count = 0;
  }
  let formats = shared.get(abi);
  if (formats === undefined) shared.set(abi, (formats = new Map()));
  if (!formats.has(format)) count++;
  formats.set(format, code);
}
