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
import { formatBytes } from "./format-bytes.ts";
import { formatCode, formatCodeAt, nativeTable, type FormatCode } from "./format-codes.ts";

/**
 * Adjacent items of one format code and size: `repeat` items of `itemSize`
 * bytes from `offset`, one value each. A repeat count (`4i`) makes one run;
 * so do adjacent items of the same code with no padding between them (`ii`,
 * `'s' * n`): CPython's `prepare_s` (`Modules/_struct.c`) keeps one
 * `formatcode` per code with its count, and one per `s`/`p` field, whose
 * layout is trivial, so merging them keeps a long format to a few runs.
 */
export interface FieldRun {
  readonly code: FormatCode;
  /** Byte offset of the first item within the struct. */
  readonly offset: number;
  /** Bytes per item; for `s` and `p`, the whole field (its repeat count). */
  readonly itemSize: number;
  /** Values the run packs or unpacks: items, or for `s` and `p` fields. */
  readonly repeat: number;
}

/** A run while the scan may still extend it. */
type OpenRun = { -readonly [K in keyof FieldRun]: FieldRun[K] };

/**
 * Adds `repeat` items of `code` at `offset` to `runs`: onto the last run when
 * it has the same code and item size and ends exactly at `offset`, else as a
 * new run. Allocates nothing for a format that repeats one code.
 */
function appendRun(runs: OpenRun[], code: FormatCode, offset: number, itemSize: number, repeat: number): void {
  const last = runs.length === 0 ? undefined : runs[runs.length - 1]!;
  if (last !== undefined && last.code === code && last.itemSize === itemSize && last.offset + last.repeat * itemSize === offset) {
    last.repeat += repeat;
  } else {
    runs.push({ code, offset, itemSize, repeat });
  }
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
  const runs: OpenRun[] = [];
  const bytes = asciiBytes(format);
  const prefix = parsePrefix(bytes, format.length);
  const scanned = scan(format, bytes, prefix, abi, runs);
  return { format, abi, native: prefix.native, littleEndian: prefix.littleEndian, size: Number(scanned.size), exactSize: BigInt(scanned.size), runs, valueCount: scanned.valueCount };
}

/**
 * `calcsize` without a layout: the same checks and errors as
 * {@link compileFormat}, no runs built, nothing allocated for a format whose
 * size stays below 2**53. Past 2**53, the nearest double.
 */
export function scanFormatSize(format: string, abi: AbiProfile): number {
  // One format code, the format of most buffers ("B", "d", "i"): its native
  // size, which is what the scan gives (a lone item needs no padding). Every
  // foreign record's itemsize is checked against it.
  if (format.length === 1) {
    const code = formatCodeAt(format.charCodeAt(0));
    if (code !== undefined) return code.nativeSize(abi);
  }
  const bytes = asciiBytes(format);
  return Number(scan(format, bytes, parsePrefix(bytes, format.length), abi, null).size);
}

/**
 * The format's characters as bytes (format-bytes.ts), or the UnicodeEncodeError
 * CPython raises first of all for a character outside ASCII (`Struct___init___impl`).
 */
function asciiBytes(format: string): Uint8Array {
  const bytes = formatBytes(format);
  if (bytes === null) throw nonAsciiError(format);
  return bytes;
}

/**
 * The items of an ASCII format (its characters in `bytes`), in doubles where
 * they are exact, else in bigints. CPython checks the text for NUL before
 * the items (`prepare_s`); here that check runs only when the scan fails,
 * which saves a pass over every good format: a scan that succeeds has read
 * every character as a space, a digit or a format code, none NUL.
 */
function scan(format: string, bytes: Uint8Array, prefix: Prefix, abi: AbiProfile, runs: OpenRun[] | null): Scanned {
  try {
    return scanInDoubles(bytes, format.length, prefix.start, prefix.native, abi, runs) ?? scanExactly(format, prefix.start, prefix.native, abi, runs === null ? null : ((runs.length = 0), runs));
  } catch (error) {
    if (format.includes("\0")) throw new StructError("embedded null character");
    throw error;
  }
}

interface Prefix {
  readonly start: number;
  readonly native: boolean;
  readonly littleEndian: boolean;
}

/** The byte-order prefix (`whichtable` in `_struct.c`) of a format of `length` characters in `bytes`. */
function parsePrefix(bytes: Uint8Array, length: number): Prefix {
  switch (length === 0 ? -1 : bytes[0]) {
    case 0x40: // @
      return NATIVE_PREFIXED;
    case 0x3d: // =, every supported ABI profile is little-endian
    case 0x3c: // <
      return LITTLE;
    case 0x3e: // >
    case 0x21: // !
      return BIG;
    default:
      return NATIVE;
  }
}

const NATIVE: Prefix = { start: 0, native: true, littleEndian: true };
const NATIVE_PREFIXED: Prefix = { start: 1, native: true, littleEndian: true };
const LITTLE: Prefix = { start: 1, native: false, littleEndian: true };
const BIG: Prefix = { start: 1, native: false, littleEndian: false };

/** What a scan of the items finds; `size` a number or, from the exact scan, a bigint. */
interface Scanned {
  readonly size: number | bigint;
  readonly valueCount: number;
}

const NO_NATIVE_TABLE = { sizes: new Uint8Array(0), alignments: new Uint8Array(0) };

/** `Py_ISSPACE`: the ASCII whitespace that `struct` skips between items (\t \n \v \f \r and space). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

const tooLong = (): StructError => new StructError("total struct size too long");

/**
 * The items of `prepare_s` (`Modules/_struct.c`) in doubles, which are exact
 * while every count and size stays at most 2**53 - 1: always under a 32-bit
 * ABI, whose `PY_SSIZE_T_MAX` (2**31 - 1) is then checked exactly. Under a
 * 64-bit ABI a count or size past 2**53 - 1 returns `undefined`, and
 * {@link scanExactly} decides in bigints. Reads the format's first `length`
 * characters from `bytes` (format-bytes.ts); appends the runs to `runs` unless null.
 */
function scanInDoubles(bytes: Uint8Array, length: number, start: number, native: boolean, abi: AbiProfile, runs: OpenRun[] | null): Scanned | undefined {
  const exactLimit = abi.sizeT * 8 - 1 < 53;
  const limit = exactLimit ? 2 ** (abi.sizeT * 8 - 1) - 1 : Number.MAX_SAFE_INTEGER;
  // The standard modes need no native table: `<`, `>`, `=` and `!` formats skip its lookup.
  const { sizes, alignments } = native ? nativeTable(abi) : NO_NATIVE_TABLE;
  let size = 0;
  let valueCount = 0;
  for (let i = start; i < length; ) {
    let c = bytes[i++]!;
    if (isSpace(c)) continue;
    let repeat = 1;
    let counted = false;
    if (c >= 48 && c <= 57) {
      counted = true;
      repeat = c - 48;
      for (;;) {
        c = i < length ? bytes[i]! : -1;
        i++;
        if (!(c >= 48 && c <= 57)) break;
        repeat = repeat * 10 + (c - 48);
        if (repeat > limit) {
          if (exactLimit) throw tooLong();
          return undefined;
        }
      }
      if (c === -1) throw new StructError("repeat count given without format specifier");
    }
    const code = formatCodeAt(c);
    if (code === undefined || (!native && code.standardSize === 0)) throw new StructError("bad char in struct format");
    // A code written again and again without a count ("sss", "bbb") is read
    // in one tight loop: `n` such items lay out as `n<code>` would (each
    // code's size is a multiple of its alignment), or as `n` one-byte fields
    // for `s` and `p`. No error can arise between them but the size's.
    let copies = 1;
    if (!counted) while (i < length && bytes[i] === c) (i++, copies++);
    const fields = code.kind === "bytes" || code.kind === "pascal";
    const itemSize = fields ? repeat : native ? sizes[c]! : code.standardSize;
    const items = fields ? copies : repeat * copies;
    if (native) {
      const alignment = alignments[c]!;
      if (size > 0) size += alignment - 1 - ((size - 1) % alignment);
      if (size > limit) {
        if (exactLimit) throw tooLong();
        return undefined;
      }
    }
    // CPython's `num > (PY_SSIZE_T_MAX - size) / itemsize`, as a product: a
    // double rounds monotonically, so a product past `limit - size` (at most
    // 2**53 - 1, exact) never rounds back to or below it.
    if (items * itemSize > limit - size) {
      if (exactLimit) throw tooLong();
      return undefined;
    }
    if (code.kind !== "pad" && (fields || items > 0)) {
      if (runs !== null) appendRun(runs, code, size, itemSize, items);
      valueCount += items;
    }
    size += items * itemSize;
  }
  return { size, valueCount };
}

/**
 * The items of `prepare_s` in bigints, checked against the profile's
 * `PY_SSIZE_T_MAX` exactly: the reference that {@link scanInDoubles} defers
 * to for counts and sizes past 2**53 - 1 under a 64-bit ABI.
 */
function scanExactly(format: string, start: number, native: boolean, abi: AbiProfile, runs: OpenRun[] | null): Scanned {
  const ssizeMax = (1n << BigInt(abi.sizeT * 8 - 1)) - 1n;
  let size = 0n;
  let valueCount = 0;

  for (let i = start; i < format.length; ) {
    let ch = format[i++] as string;
    if (isSpace(ch.charCodeAt(0))) continue;

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
      if (runs !== null) appendRun(runs, code, offset, Number(repeat), 1);
      valueCount += 1;
    } else if (code.kind !== "pad" && repeat > 0n) {
      if (runs !== null) appendRun(runs, code, offset, Number(itemSize), Number(repeat));
      valueCount += Number(repeat);
    }
    size += repeat * itemSize;
  }
  return { size, valueCount };
}

/**
 * CPython encodes a `str` format to ASCII first; a failure reports the first
 * run of unencodable code points the way the `ascii` codec does.
 */
export function assertAscii(format: string): void {
  // Fast path: nearly every format is plain ASCII (a loop beats a RegExp on short strings).
  let ascii = true;
  for (let i = 0; i < format.length && ascii; i++) ascii = format.charCodeAt(i) <= 0x7f;
  if (!ascii) throw nonAsciiError(format);
}

/** The error of the `ascii` codec for a format that holds a character outside ASCII. */
function nonAsciiError(format: string): UnicodeEncodeError {
  const points = Array.from(format);
  const first = points.findIndex((p) => p.codePointAt(0)! > 0x7f);
  let end = first;
  while (end < points.length && points[end]!.codePointAt(0)! > 0x7f) end++;
  const reason = "ordinal not in range(128)";
  if (end - first === 1) {
    return new UnicodeEncodeError(
      `'ascii' codec can't encode character '${pythonCharEscape(points[first]!)}' in position ${first}: ${reason}`,
    );
  }
  return new UnicodeEncodeError(
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
