/**
 * The old argument codes that hand out a pointer and a length, with no hold:
 * `s#`, `z#`, `t#` and `w#` of `PyArg_ParseTuple` in CPython 2.7
 * (Python/getargs.c: convertsimple, convertbuffer). Each returns the bytes as a view on the
 * object's memory (not a copy; a string's encoding is a fresh copy) and
 * refuses what 2.7 refused, with its message.
 *
 * @module
 */

import type { ArgumentPosition } from "@pybuffer/core";
import { segmentBytes } from "../protocol/segment.ts";
import { slotsOf } from "../protocol/slots.ts";
import { asciiSegment } from "../protocol/text-segments.ts";
import { argumentError, requireOneSegment } from "./argument-error.ts";

/**
 * `s#`: a string (its ASCII encoding, Python 2's default encoding) or a
 * single-segment read-only buffer: any object with read and segment-count
 * slots and no release slot. Objects whose exports must be released (2.7's
 * bytearray; here any exporter with a release method) are refused; wrap
 * them in `buffer()` first, the classic 2.7 workaround.
 *
 * @throws PyTypeError "f() argument 1 must be string or read-only buffer, not X",
 * "... string or single-segment read-only buffer, ..."; the object's own
 * errors; UnicodeEncodeError for a string outside ASCII.
 * @example
 * ```ts
 * import { readBufferArgument, buffer } from "@pybuffer/legacy-buffer";
 * readBufferArgument("abc"); // Uint8Array [97, 98, 99]
 * readBufferArgument(new Uint8Array([1, 2])); // Uint8Array [1, 2]
 * readBufferArgument(buffer(new Uint8Array([3]))); // Uint8Array [3]
 * ```
 *
 * @since 0.1.0
 */
export function readBufferArgument(arg: unknown, where: ArgumentPosition = {}): Uint8Array {
  if (typeof arg === "string") return segmentBytes(asciiSegment(arg));
  const slots = slotsOf(arg);
  if (slots === null || slots.read === undefined || slots.count === undefined || slots.releases) {
    throw argumentError("string or read-only buffer", arg, where);
  }
  const count = slots.count;
  requireOneSegment(count, "string or single-segment read-only buffer", arg, where);
  return segmentBytes(slots.read(0));
}

/**
 * `z#`: {@link readBufferArgument}, or `null` for `null`/`undefined` (None).
 *
 * @example
 * ```ts
 * import { optionalReadBufferArgument } from "@pybuffer/legacy-buffer";
 * optionalReadBufferArgument(null); // null
 * ```
 *
 * @since 0.1.0
 */
export function optionalReadBufferArgument(arg: unknown, where: ArgumentPosition = {}): Uint8Array | null {
  return arg === null || arg === undefined ? null : readBufferArgument(arg, where);
}

/**
 * `t#`: a single-segment character buffer: char and segment-count slots, no
 * release slot; read through the char slot (a string gives its ASCII
 * encoding; a buffer over an object without a char slot fails).
 *
 * @throws PyTypeError "... must be string or read-only character buffer, not X",
 * "... string or single-segment read-only buffer ...", "... string or pinned
 * buffer ..."; the object's own errors.
 * @example
 * ```ts
 * import { charBufferArgument } from "@pybuffer/legacy-buffer";
 * charBufferArgument("ok"); // Uint8Array [111, 107]
 * ```
 *
 * @since 0.1.0
 */
export function charBufferArgument(arg: unknown, where: ArgumentPosition = {}): Uint8Array {
  const slots = slotsOf(arg);
  if (slots === null || slots.char === undefined || slots.count === undefined) {
    throw argumentError("string or read-only character buffer", arg, where);
  }
  const count = slots.count;
  requireOneSegment(count, "string or single-segment read-only buffer", arg, where);
  if (slots.releases) throw argumentError("string or pinned buffer", arg, where);
  return segmentBytes(slots.char(0));
}

/**
 * `w#` (and `w`): a single-segment read-write buffer without a release
 * slot, through its write slot.
 *
 * @throws PyTypeError "... must be pinned buffer, not X", "... read-write
 * buffer ...", "... single-segment read-write buffer ..."; the object's own
 * errors ("buffer is read-only", "cannot use unicode as modifiable buffer").
 * @example
 * ```ts
 * import { writeBufferArgument, fromReadWriteObject } from "@pybuffer/legacy-buffer";
 * const bytes = new Uint8Array(2);
 * writeBufferArgument(bytes).fill(1); // bytes: [1, 1]
 * writeBufferArgument(fromReadWriteObject(bytes, 1))[0] = 9; // bytes: [1, 9]
 * ```
 *
 * @since 0.1.0
 */
export function writeBufferArgument(arg: unknown, where: ArgumentPosition = {}): Uint8Array {
  const slots = slotsOf(arg);
  if (slots !== null && slots.releases) throw argumentError("pinned buffer", arg, where);
  if (slots === null || slots.write === undefined || slots.count === undefined) {
    throw argumentError("read-write buffer", arg, where);
  }
  const count = slots.count;
  requireOneSegment(count, "single-segment read-write buffer", arg, where);
  return segmentBytes(slots.write(0));
}
