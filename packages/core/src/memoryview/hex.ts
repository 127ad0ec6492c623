/**
 * `bytes.hex()` and `memoryview.hex()`: CPython's `_Py_strhex_impl`, with its
 * separator rules (`Python/pystrhex.c`).
 *
 * @module
 */

import { OverflowError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";

/** The separator character, checked as CPython checks it. */
function separatorOf(sep: unknown): string {
  if (typeof sep === "string" || isUint8Array(sep)) {
    // len() of a str counts code points, not UTF-16 units.
    const length = typeof sep === "string" ? Array.from(sep).length : sep.length;
    if (length !== 1) throw new ValueError("sep must be length 1.");
    const code = typeof sep === "string" ? sep.codePointAt(0)! : sep[0]!;
    if (code > 127) throw new ValueError("sep must be ASCII.");
    return String.fromCharCode(code);
  }
  if (Array.isArray(sep)) {
    if (sep.length !== 1) throw new ValueError("sep must be length 1.");
    throw new PyTypeError("sep must be str or bytes.");
  }
  throw new PyTypeError(`object of type '${pythonTypeName(sep)}' has no len()`);
}

/** A C `int` argument: integers (bool included), OverflowError past 32 bits. */
function cInt(value: unknown): number {
  let integer: bigint;
  if (typeof value === "boolean") integer = value ? 1n : 0n;
  else if (typeof value === "bigint") integer = value;
  else if (typeof value === "number" && Number.isInteger(value)) integer = BigInt(value);
  else throw new PyTypeError(`'${pythonTypeName(value)}' object cannot be interpreted as an integer`);
  if (integer > 2147483647n || integer < -2147483648n) throw new OverflowError("Python int too large to convert to C int");
  return Number(integer);
}

/**
 * Two lowercase hex digits per byte; with a separator, one between groups of
 * `|bytesPerSep|` bytes counted from the right (positive) or the left (negative).
 */
export function hexOf(bytes: Uint8Array, sep?: unknown, bytesPerSep: unknown = 1): string {
  // Argument Clinic converts bytes_per_sep (a C int) before sep is looked at.
  const perSep = cInt(bytesPerSep);
  let group = 0;
  let separator = "";
  if (sep !== undefined && sep !== null) {
    separator = separatorOf(sep);
    group = perSep;
  }
  const length = bytes.length;
  const size = Math.abs(group);
  const separated = group !== 0 && size < length;
  // Character codes into one array, decoded in chunks: string concatenation
  // per byte builds ropes that the collector then has to flatten.
  const codes = new Uint8Array(2 * length + (separated ? Math.floor((length - 1) / size) : 0));
  const sepCode = separator.charCodeAt(0);
  // With a positive group, separators count from the right: the first group is the remainder.
  const head = group > 0 ? length % size || size : size;
  let out = 0;
  for (let i = 0; i < length; i++) {
    if (separated && i > 0 && (i - head) % size === 0) codes[out++] = sepCode;
    const byte = bytes[i]!;
    codes[out++] = HEX_DIGITS[byte >> 4]!;
    codes[out++] = HEX_DIGITS[byte & 15]!;
  }
  return decode(codes);
}

const HEX_DIGITS = Uint8Array.from("0123456789abcdef", (c) => c.charCodeAt(0));

/**
 * A TextDecoder where the host has one (every modern runtime; it is not
 * ECMAScript, so core only detects it): ASCII decodes the same in any 8-bit codec.
 */
const asciiDecoder = (() => {
  const Decoder = (globalThis as { TextDecoder?: new (label: string) => { decode(bytes: Uint8Array): string } }).TextDecoder;
  return Decoder === undefined ? undefined : new Decoder("latin1");
})();

/** ASCII codes to a string: one decode, or chunks that stay under engines' argument limits. */
function decode(codes: Uint8Array): string {
  if (asciiDecoder !== undefined) return asciiDecoder.decode(codes);
  const CHUNK = 8192;
  let text = "";
  for (let i = 0; i < codes.length; i += CHUNK) {
    text += String.fromCharCode.apply(null, codes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return text;
}
