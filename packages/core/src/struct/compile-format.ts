/**
 * Parses a `struct` format string into a layout: the byte order, the total
 * size, and one run per format code with its offset. The rules, the order of
 * the checks and the messages are those of `prepare_s` and `whichtable` in
 * CPython's `Modules/_struct.c`.
 *
 * @module
 */

import { StructError, UnicodeEncodeError } from "../errors/python-errors.ts";
import type { AbiProfile } from "./abi.ts";
import { formatCode, type FormatCode } from "./format-codes.ts";

/** A repeated format code: `repeat` items of `itemSize` bytes from `offset`. */
export interface FieldRun {
  readonly code: FormatCode;
  /** Byte offset of the first item within the struct. */
  readonly offset: number;
  /** Bytes per item; for `s` and `p`, the whole field (the repeat count). */
  readonly itemSize: number;
  /** Values the run packs or unpacks: the repeat count, or 1 for `s` and `p`. */
  readonly repeat: number;
}

/** A parsed format string. */
export interface StructLayout {
  readonly format: string;
  readonly abi: AbiProfile;
  /** Native mode (`@` or no prefix): native sizes and alignment. */
  readonly native: boolean;
  readonly littleEndian: boolean;
  /** Total size in bytes (`calcsize`); past 2**53 the nearest double. */
  readonly size: number;
  /** The size exactly, for messages (it can exceed 2**53 under 64-bit ABIs). */
  readonly exactSize: bigint;
  readonly runs: readonly FieldRun[];
  /** How many values `pack` takes and `unpack` returns. */
  readonly valueCount: number;
}

/**
 * Parses `format` for `abi`. Throws what CPython raises: UnicodeEncodeError
 * for non-ASCII text, then `struct.error` for the first problem found
 * scanning left to right.
 */
export function compileFormat(format: string, abi: AbiProfile): StructLayout {
  assertAscii(format);
  if (format.includes("\0")) throw new StructError("embedded null character");

  let start = 0;
  let native = true;
  let littleEndian = true; // every supported ABI profile is little-endian
  switch (format[0]) {
    case "@":
      start = 1;
      break;
    case "=":
    case "<":
      start = 1;
      native = false;
      break;
    case ">":
    case "!":
      start = 1;
      native = false;
      littleEndian = false;
      break;
  }

  // Sizes are checked against the profile's PY_SSIZE_T_MAX, exactly: in
  // numbers while every quantity is below 2**53 (all formats in practice,
  // and ten times faster per item than bigints), in bigints past it.
  const ssizeMax = (1n << BigInt(abi.sizeT * 8 - 1)) - 1n;
  const ssizeMaxNumber = Number(ssizeMax); // exact for 32-bit profiles; above 2**53 otherwise
  const tooLong = (): StructError => new StructError("total struct size too long");
  const runs: FieldRun[] = [];
  let size = 0; // the total while exact as a number
  let bigSize: bigint | null = null; // the total once it is not
  let valueCount = 0;

  for (let i = start; i < format.length; ) {
    let c = format.charCodeAt(i++);
    if (isSpace(c)) continue;

    let repeat = 1; // exact while below 2**53, else bigRepeat holds it
    let bigRepeat: bigint | null = null;
    if (c >= 48 && c <= 57) {
      repeat = c - 48;
      for (; i < format.length; i++) {
        c = format.charCodeAt(i);
        if (c < 48 || c > 57) break;
        if (bigRepeat === null && repeat < SAFE_DECIMAL_LIMIT) {
          repeat = repeat * 10 + (c - 48);
        } else {
          bigRepeat = (bigRepeat ?? BigInt(repeat)) * 10n + BigInt(c - 48);
          if (bigRepeat > ssizeMax) throw tooLong();
        }
        if (repeat > ssizeMaxNumber) throw tooLong(); // exact: a 32-bit ssize_t
      }
      if (i >= format.length) throw new StructError("repeat count given without format specifier");
      i++;
    }

    const code = formatCode(String.fromCharCode(c));
    if (code === undefined || (!native && code.standardSize === 0)) {
      throw new StructError("bad char in struct format");
    }
    const itemSize = native ? code.nativeSize(abi) : code.standardSize;
    const alignment = native ? code.nativeAlignment(abi) : 1;

    let offset: number;
    let aligned = size;
    if (native && aligned > 0) aligned += (alignment - 1) - ((aligned - 1) % alignment);
    if (bigSize === null && bigRepeat === null && aligned + repeat * itemSize <= Number.MAX_SAFE_INTEGER) {
      // Every quantity is exact; past a 32-bit ssize_t these are CPython's checks.
      if (aligned > ssizeMaxNumber || repeat * itemSize > ssizeMaxNumber - aligned) throw tooLong();
      offset = aligned;
      size = aligned + repeat * itemSize;
    } else {
      let exact: bigint = bigSize ?? BigInt(size);
      const count = bigRepeat ?? BigInt(repeat);
      const bigItem = BigInt(itemSize);
      const bigAlignment = BigInt(alignment);
      if (native && exact > 0n) exact += (bigAlignment - 1n) - ((exact - 1n) % bigAlignment);
      if (exact > ssizeMax) throw tooLong();
      // CPython's `num > (PY_SSIZE_T_MAX - size) / itemsize`, without the division.
      if (count * bigItem > ssizeMax - exact) throw tooLong();
      offset = Number(exact);
      bigSize = exact + count * bigItem;
      repeat = Number(count);
    }

    if (code.kind === "bytes" || code.kind === "pascal") {
      runs.push({ code, offset, itemSize: repeat, repeat: 1 });
      valueCount += 1;
    } else if (code.kind !== "pad" && repeat > 0) {
      runs.push({ code, offset, itemSize, repeat });
      valueCount += repeat;
    }
  }

  const exactSize = bigSize ?? BigInt(size);
  return { format, abi, native, littleEndian, size: Number(exactSize), exactSize, runs, valueCount };
}

/** A repeat count below this gains one more decimal digit exactly as a number. */
const SAFE_DECIMAL_LIMIT = Math.floor(Number.MAX_SAFE_INTEGER / 10) - 1;

/** `Py_ISSPACE`: the ASCII whitespace that `struct` skips between items. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * CPython encodes a `str` format to ASCII first; a failure reports the first
 * run of unencodable code points the way the `ascii` codec does.
 */
export function assertAscii(format: string): void {
  // Fast path: nearly every format is plain ASCII (a loop beats a RegExp on short strings).
  let ascii = true;
  for (let i = 0; i < format.length && ascii; i++) ascii = format.charCodeAt(i) <= 0x7f;
  if (ascii) return;
  const points = Array.from(format);
  const first = points.findIndex((p) => p.codePointAt(0)! > 0x7f);
  let end = first;
  while (end < points.length && points[end]!.codePointAt(0)! > 0x7f) end++;
  const reason = "ordinal not in range(128)";
  if (end - first === 1) {
    throw new UnicodeEncodeError(
      `'ascii' codec can't encode character '${pythonCharEscape(points[first]!)}' in position ${first}: ${reason}`,
    );
  }
  throw new UnicodeEncodeError(
    `'ascii' codec can't encode characters in position ${first}-${end - 1}: ${reason}`,
  );
}

/** How Python's `repr` escapes a non-ASCII, non-printable-in-ASCII code point. */
function pythonCharEscape(point: string): string {
  const cp = point.codePointAt(0)!;
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}
