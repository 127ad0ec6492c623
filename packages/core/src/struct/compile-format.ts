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

/** `Py_ISSPACE`: the ASCII whitespace that `struct` skips between items. */
const SPACE = new Set([" ", "\t", "\n", "\r", "\v", "\f"]);

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

  // Sizes are checked against the profile's PY_SSIZE_T_MAX, exactly, in bigint.
  const ssizeMax = (1n << BigInt(abi.sizeT * 8 - 1)) - 1n;
  const tooLong = (): StructError => new StructError("total struct size too long");
  const runs: FieldRun[] = [];
  let size = 0n;
  let valueCount = 0;

  for (let i = start; i < format.length; ) {
    let ch = format[i++] as string;
    if (SPACE.has(ch)) continue;

    let repeat = 1n;
    if (ch >= "0" && ch <= "9") {
      repeat = BigInt(ch.charCodeAt(0) - 48);
      for (;;) {
        ch = format[i++] ?? "";
        if (!(ch >= "0" && ch <= "9") || ch === "") break;
        repeat = repeat * 10n + BigInt(ch.charCodeAt(0) - 48);
        if (repeat > ssizeMax) throw tooLong();
      }
      if (ch === "") throw new StructError("repeat count given without format specifier");
    }

    const code = formatCode(ch);
    if (code === undefined || (!native && code.standardSize === 0)) {
      throw new StructError("bad char in struct format");
    }
    const itemSize = BigInt(native ? code.nativeSize(abi) : code.standardSize);

    if (native) {
      const alignment = BigInt(code.nativeAlignment(abi));
      if (size > 0n) size += (alignment - 1n) - ((size - 1n) % alignment);
      if (size > ssizeMax) throw tooLong();
    }
    if (repeat > (ssizeMax - size) / itemSize) throw tooLong();

    const offset = Number(size);
    if (code.kind === "bytes" || code.kind === "pascal") {
      runs.push({ code, offset, itemSize: Number(repeat), repeat: 1 });
      valueCount += 1;
    } else if (code.kind !== "pad" && repeat > 0n) {
      runs.push({ code, offset, itemSize: Number(itemSize), repeat: Number(repeat) });
      valueCount += Number(repeat);
    }
    size += repeat * itemSize;
  }

  return { format, abi, native, littleEndian, size: Number(size), exactSize: size, runs, valueCount };
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
