/**
 * The check before every access to a held buffer: JavaScript cannot stop a
 * resizable ArrayBuffer from shrinking or an ArrayBuffer from being
 * detached, so a consumer re-checks that the record's items are still inside
 * its memory, and fails clearly instead of reading zeros.
 *
 * @module
 */

import { BufferError } from "../errors/python-errors.ts";
import type { AbiProfile } from "../format/abi.ts";
import type { BufferRecord } from "./buffer-record.ts";
import { isDetached } from "./builtin-exporters.ts";
import { boundsProblem } from "./validate-record.ts";

/**
 * Throws BufferError when the memory under `view` was detached or shrunk
 * below the items the record describes.
 */
export function assertLiveMemory(view: BufferRecord, abi: AbiProfile): void {
  if (isDetached(view.memory)) throw new BufferError("the buffer's memory is gone: its ArrayBuffer was detached");
  const problem = boundsProblem(view, abi);
  if (problem !== null) throw new BufferError(`the buffer's memory is gone (it was resized): ${problem}`);
}
