/**
 * The old argument codes that fill a `Py_buffer`: `s*`, `z*` and `w*` of
 * `PyArg_ParseTuple` in CPython 2.7 (Python/getargs.c: convertsimple, getbuffer). An object that speaks the
 * new protocol is asked through it (and held until release); an object with
 * only the old slots is read through them, as 2.7's fallback did.
 *
 * @module
 */

import { BufferFlags, getBuffer, releaseBuffer, type ArgumentPosition, type BufferArgument, type BufferRecord } from "@pybuffer/core";
import { heldBufferArgument } from "@pybuffer/core/internal";
import type { Segment } from "../protocol/segment.ts";
import { slotsOf } from "../protocol/slots.ts";
import { asciiSegment } from "../protocol/text-segments.ts";
import { argumentError, requireOneSegment } from "./argument-error.ts";

/**
 * Core's `BufferArgument`, the one held-argument class of both packages,
 * over a segment: `readonly` is the filled `Py_buffer`'s flag (2.7 filled
 * `w*` from an old-protocol-only object with `readonly` 1, and so does
 * this), and releasing it releases `record`, the new-protocol export held.
 */
function heldArgument({ memory, offset, length }: Segment, readonly: boolean, record: BufferRecord | null): BufferArgument {
  const release = record === null ? () => {} : () => releaseBuffer(record);
  return heldBufferArgument({ memory, offset, length, release }, readonly);
}

/**
 * `s*`: a string (its ASCII encoding), a new-protocol exporter (any; a
 * SIMPLE request, held), or an old-protocol object with read and
 * segment-count slots and no release slot (read-only).
 *
 * @throws PyTypeError "f() argument 1 must be string or buffer, not X" (no
 * slots at all), "... convertible to a buffer ..."; the exporter's own errors.
 * @example
 * ```ts
 * import { bufferArgument } from "@pybuffer/legacy-buffer";
 * using arg = bufferArgument(new Uint8Array([1, 2]));
 * [arg.length, arg.readonly]; // [2, false]
 * ```
 *
 * @since 0.1.0
 */
export function bufferArgument(arg: unknown, where: ArgumentPosition = {}): BufferArgument {
  if (typeof arg === "string") return heldArgument(asciiSegment(arg), true, null);
  const slots = slotsOf(arg);
  if (slots === null) throw argumentError("string or buffer", arg, where);
  if (slots.newProtocol) {
    const record = getBuffer(arg, BufferFlags.SIMPLE);
    return heldArgument({ memory: record.memory, offset: record.buf, length: record.len }, record.readonly, record);
  }
  if (slots.read === undefined || slots.count === undefined || slots.releases) {
    throw argumentError("convertible to a buffer", arg, where);
  }
  const count = slots.count;
  requireOneSegment(count, "convertible to a buffer", arg, where);
  return heldArgument(slots.read(0), true, null);
}

/**
 * `z*`: {@link bufferArgument}, or `null` for `null`/`undefined` (None).
 *
 * @example
 * ```ts
 * import { optionalBufferArgument } from "@pybuffer/legacy-buffer";
 * optionalBufferArgument(undefined); // null
 * ```
 *
 * @since 0.1.0
 */
export function optionalBufferArgument(arg: unknown, where: ArgumentPosition = {}): BufferArgument | null {
  return arg === null || arg === undefined ? null : bufferArgument(arg, where);
}

/**
 * `w*`: a new-protocol exporter that grants a WRITABLE request (held), or
 * an old-protocol object with write and segment-count slots; the latter is
 * filled with `readonly` true, as 2.7 did (sic).
 *
 * @throws PyTypeError "f() argument 1 must be read-write buffer, not X" (also
 * when a new-protocol exporter refuses), "... single-segment read-write
 * buffer ..."; an old-protocol object's own errors.
 * @example
 * ```ts
 * import { writableBufferArgument } from "@pybuffer/legacy-buffer";
 * const bytes = new Uint8Array(2);
 * using arg = writableBufferArgument(bytes);
 * arg.bytes[1] = 5; // bytes: [0, 5]
 * ```
 *
 * @since 0.1.0
 */
export function writableBufferArgument(arg: unknown, where: ArgumentPosition = {}): BufferArgument {
  const slots = slotsOf(arg);
  if (slots !== null && slots.newProtocol) {
    let record;
    try {
      record = getBuffer(arg, BufferFlags.WRITABLE);
    } catch {
      throw argumentError("read-write buffer", arg, where);
    }
    return heldArgument({ memory: record.memory, offset: record.buf, length: record.len }, record.readonly, record);
  }
  if (slots === null || slots.write === undefined || slots.count === undefined) {
    throw argumentError("read-write buffer", arg, where);
  }
  const count = slots.count;
  requireOneSegment(count, "single-segment read-write buffer", arg, where);
  return heldArgument(slots.write(0), true, null);
}
