/**
 * A JavaScript string as a Python 2 `unicode` object: its read segment is
 * its UTF-16LE code units (as on a narrow, UCS2 build of Python 2; a wide
 * build gave 4 bytes per code point), its char segment its ASCII encoding
 * (the default encoding), and its write slot always refuses.
 *
 * @module
 */

import { PyTypeError, SystemError, UnicodeEncodeError } from "@pybuffer/core";
import type { Segment } from "./segment.ts";

/** A string's UTF-16LE code units, in a fresh block. */
export function utf16leSegment(text: string): Segment {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit & 0xff;
    bytes[2 * i + 1] = unit >>> 8;
  }
  return { memory: bytes.buffer, offset: 0, length: bytes.length };
}

/** How Python 2 shows one code unit inside `u'...'`. */
function unicodeEscape(unit: number): string {
  return unit < 0x100 ? `\\x${unit.toString(16).padStart(2, "0")}` : `\\u${unit.toString(16).padStart(4, "0")}`;
}

/**
 * A string's ASCII encoding (Python 2's default encoding), in a fresh block.
 *
 * @throws UnicodeEncodeError with Python 2's message, naming the first run
 * of code units outside ASCII.
 */
export function asciiSegment(text: string): Segment {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) throw encodeError(text, i);
    bytes[i] = unit;
  }
  return { memory: bytes.buffer, offset: 0, length: bytes.length };
}

function encodeError(text: string, start: number): UnicodeEncodeError {
  let end = start + 1;
  while (end < text.length && text.charCodeAt(end) >= 0x80) end++;
  const what =
    end - start === 1
      ? `character u'${unicodeEscape(text.charCodeAt(start))}' in position ${start}`
      : `characters in position ${start}-${end - 1}`;
  return new UnicodeEncodeError(`'ascii' codec can't encode ${what}: ordinal not in range(128)`);
}

function checkSegmentIndex(segment: number): void {
  if (segment !== 0) throw new SystemError("accessing non-existent unicode segment");
}

/** The read slot of a string (cached per slot table: strings never change). */
export function textReadSlot(text: string): (segment: number) => Segment {
  let raw: Segment | undefined;
  return (segment) => {
    checkSegmentIndex(segment);
    raw ??= utf16leSegment(text);
    return raw;
  };
}

/** The char slot of a string. */
export function textCharSlot(text: string): (segment: number) => Segment {
  let ascii: Segment | undefined;
  return (segment) => {
    checkSegmentIndex(segment);
    ascii ??= asciiSegment(text);
    return ascii;
  };
}

/** The write slot of a string: present, and always refusing (as `unicode`'s). */
export function textWriteSlot(): Segment {
  throw new PyTypeError("cannot use unicode as modifiable buffer");
}
