/**
 * A format string's characters as bytes, for the format scan. CPython's
 * `Struct___init___impl` (`Modules/_struct.c`) encodes a `str` format to
 * ASCII before `prepare_s` reads it; this is that step, and it also makes
 * the scan cheap and steady in JavaScript:
 *
 * - reading a `Uint8Array` costs the same whatever the string's
 *   representation in the engine (a long format built by concatenation or
 *   `repeat` is a tree of pieces that every `charCodeAt` walks);
 * - a `format.charCodeAt(i)` call site stops being inlined by V8 once any
 *   object in the process inherits from `String.prototype` without being a
 *   string (`class X extends String`, which some npm packages do), and every
 *   character then costs 3-5x more. Neither the host's `TextEncoder` nor
 *   `String.prototype.charCodeAt` captured here and called through `.call`
 *   is affected.
 *
 * @module
 */

import { MemoryError } from "../errors/python-errors.ts";

/** `String.prototype.charCodeAt` as loaded, called through `.call` (see above). */
const charCodeAt = String.prototype.charCodeAt;

/**
 * The host's `TextEncoder`, where it has one (every modern runtime; it is
 * not ECMAScript, so core only detects it). From this many characters its
 * one native call beats a JavaScript loop; below, its fixed cost does not.
 */
const encoder = (() => {
  const Encoder = (globalThis as { TextEncoder?: new () => { encodeInto(text: string, into: Uint8Array): { read: number; written: number } } })
    .TextEncoder;
  return Encoder === undefined ? undefined : new Encoder();
})();
const ENCODE_FROM = 48;

/** Formats up to this long are written into one reused array; longer ones get their own, let go after the scan. */
const SHARED_LIMIT = 1 << 16;
let shared = new Uint8Array(256);

/**
 * The characters of `format` in bytes `0` to `format.length - 1` of the
 * returned array, or `null` when `format` holds a character outside ASCII
 * (which CPython refuses before anything else). The array is shared: it is
 * valid until the next call, and past `format.length` it holds leftovers.
 *
 * @throws MemoryError when a format past 64 KiB cannot get its own array.
 */
export function formatBytes(format: string): Uint8Array | null {
  const length = format.length;
  const bytes = length <= SHARED_LIMIT ? (shared.length >= length ? shared : (shared = new Uint8Array(SHARED_LIMIT))) : ownArray(length);
  if (encoder !== undefined && length >= ENCODE_FROM) {
    // One byte per character written and every character read: all ASCII.
    const { read, written } = encoder.encodeInto(format, bytes);
    return read === length && written === length ? bytes : null;
  }
  for (let i = 0; i < length; i++) {
    const c = charCodeAt.call(format, i);
    if (c > 0x7f) return null;
    bytes[i] = c;
  }
  return bytes;
}

/** A format's own array: as large as the format, which the host may refuse. */
function ownArray(length: number): Uint8Array {
  try {
    return new Uint8Array(length);
  } catch {
    throw new MemoryError("");
  }
}
