/**
 * `bytes.hex()` and `memoryview.hex()`: CPython's `_Py_strhex_impl`, with its
 * separator rules (`Python/pystrhex.c`).
 *
 * @module
 */

import { OverflowError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { assertStringLength } from "../internal/result-limits.ts";
import { bytesToOverwrite } from "../internal/fresh-bytes.ts";
import { isArraySafely, lookCause } from "../internal/safe-look.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";
import { HOST_LITTLE_ENDIAN } from "../internal/typed-array-for-code.ts";

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
  if (isArraySafely(sep)) {
    if (sep.length !== 1) throw new ValueError("sep must be length 1.");
    throw new PyTypeError("sep must be str or bytes.");
  }
  throw new PyTypeError(`object of type '${pythonTypeName(sep)}' has no len()`, lookCause(sep));
}

/** A C `int` argument: integers (bool included), OverflowError past 32 bits. */
function cInt(value: unknown): number {
  // The common case, an int32 number, is its own value (no bigint round trip).
  if (typeof value === "number" && (value | 0) === value) return value | 0;
  let integer: bigint;
  if (typeof value === "boolean") integer = value ? 1n : 0n;
  else if (typeof value === "bigint") integer = value;
  else if (typeof value === "number" && Number.isInteger(value)) integer = BigInt(value);
  else throw new PyTypeError(`'${pythonTypeName(value)}' object cannot be interpreted as an integer`);
  if (integer > 2147483647n || integer < -2147483648n) throw new OverflowError("Python int too large to convert to C int");
  return Number(integer);
}

/** The length of the hex of `length` bytes, with a separator every `size` bytes (0: none). */
export function hexLength(length: number, size: number): number {
  return 2 * length + (size > 0 && length > 0 ? Math.floor((length - 1) / size) : 0);
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
  assertStringLength(hexLength(length, separated ? size : 0), "hex");
  if (!separated && hostHex !== undefined) return hostHex(bytes);
  // Character codes into one array, decoded at once: string concatenation
  // per byte builds ropes that the collector then has to flatten. Without
  // separators each byte is one 16-bit store of both its digits.
  if (!separated) {
    const codes = codesArray(2 * length);
    writePairs(bytes, codes);
    return decode(codes);
  }
  const sepCode = separator.charCodeAt(0);
  if (size === 1) {
    // `hex(':')`: every byte is ":xx", and the first separator is not decoded.
    const codes = codesArray(3 * length);
    writeSeparatedBytes(bytes, codes, sepCode);
    return decode(codes.subarray(1));
  }
  const codes = codesArray(hexLength(length, size));
  // With a positive group, separators count from the right: the first group is the remainder.
  const head = group > 0 ? length % size || size : size;
  // Whole groups, so the inner loop carries no separator countdown.
  let out = 0;
  let i = 0;
  for (; i < head; i++, out += 2) {
    const at = 2 * bytes[i]!;
    codes[out] = DIGIT_BYTES[at]!;
    codes[out + 1] = DIGIT_BYTES[at + 1]!;
  }
  while (i < length) {
    codes[out++] = sepCode;
    for (const end = Math.min(i + size, length); i < end; i++, out += 2) {
      const at = 2 * bytes[i]!;
      codes[out] = DIGIT_BYTES[at]!;
      codes[out + 1] = DIGIT_BYTES[at + 1]!;
    }
  }
  return decode(codes);
}

/** Codes of results up to this many characters go through one scratch array: each is decoded into a string at once. */
const SCRATCH_CODES = 64 * 1024;
let scratch: Uint8Array | undefined;

/**
 * An array for `length` character codes, every one of which the caller
 * writes, starting at a 4-byte-aligned address: the module's scratch array
 * for short results (no allocation, no zero-fill), else a fresh unzeroed one.
 */
function codesArray(length: number): Uint8Array {
  if (length > SCRATCH_CODES) return bytesToOverwrite(length);
  return (scratch ??= new Uint8Array(SCRATCH_CODES)).subarray(0, length);
}

/**
 * ":xx" for every byte into `codes` (three codes a byte). On a
 * little-endian host four bytes are three 32-bit stores: ":" high low ":",
 * high low ":" high, low ":" high low.
 */
function writeSeparatedBytes(bytes: Uint8Array, codes: Uint8Array, sepCode: number): void {
  let i = 0;
  if (HOST_LITTLE_ENDIAN) {
    const quads = bytes.length >> 2;
    const words = new Uint32Array(codes.buffer, codes.byteOffset, 3 * quads);
    const first = sepCode | (sepCode << 24);
    const second = sepCode << 16;
    const third = sepCode << 8;
    for (let w = 0; w < 3 * quads; w += 3, i += 4) {
      const pair = DIGIT_PAIRS[bytes[i + 2]!]!;
      words[w] = first | (DIGIT_PAIRS[bytes[i]!]! << 8);
      words[w + 1] = DIGIT_PAIRS[bytes[i + 1]!]! | second | ((pair & 0xff) << 24);
      words[w + 2] = (pair >> 8) | third | (DIGIT_PAIRS[bytes[i + 3]!]! << 16);
    }
  }
  for (let out = 3 * i; i < bytes.length; i++, out += 3) {
    const at = 2 * bytes[i]!;
    codes[out] = sepCode;
    codes[out + 1] = DIGIT_BYTES[at]!;
    codes[out + 2] = DIGIT_BYTES[at + 1]!;
  }
}

/** Both hex digits of every byte value, as the 16-bit word that stores them in order on this host. */
const DIGIT_PAIRS = (() => {
  const digits = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
  const pairs = new Uint16Array(256);
  const bytes = new Uint8Array(pairs.buffer);
  for (let byte = 0; byte < 256; byte++) {
    bytes[2 * byte] = digits[byte >> 4]!;
    bytes[2 * byte + 1] = digits[byte & 15]!;
  }
  return pairs;
})();

/** The same digits byte by byte, for stores at any alignment: the two digits of byte b at 2b and 2b + 1. */
const DIGIT_BYTES = new Uint8Array(DIGIT_PAIRS.buffer);

/** Every byte's digit pair into `codes` (two bytes per byte, at an aligned address). */
function writePairs(bytes: Uint8Array, codes: Uint8Array): void {
  const words = new Uint16Array(codes.buffer, codes.byteOffset, bytes.length);
  for (let i = 0; i < bytes.length; i++) words[i] = DIGIT_PAIRS[bytes[i]!]!;
}

/**
 * The host's own byte encoders, where it has them: Node's (and Bun's and
 * Deno's) `Buffer` encodes hex and latin1 natively, several times faster
 * than any JavaScript loop or `TextDecoder`. Core only detects it; it is not
 * a dependency, and the fallbacks give the same strings. Node's
 * `Buffer.prototype.hexSlice`/`latin1Slice` (lib/buffer.js, over
 * `StringSlice` in src/node_buffer.cc) take any ArrayBufferView as `this`:
 * called on the bytes themselves they skip making a `Buffer` per call
 * (0.1 µs of a 1 µs `hex()` of 1,000 bytes). A host whose methods do not
 * answer a one-byte check at load time gets `Buffer.from(...).toString()`.
 */
type SliceEncoder = (this: Uint8Array, start: number, end: number) => string;
const HostBuffer = (globalThis as { Buffer?: { from(memory: ArrayBufferLike, offset: number, length: number): { toString(encoding: string): string }; prototype?: unknown } })
  .Buffer;

/** `bytes` in `encoding` by the host's Buffer, or undefined on a host without one. */
function hostEncoder(encoding: "hex" | "latin1", expected: string): ((bytes: Uint8Array) => string) | undefined {
  if (HostBuffer === undefined) return undefined;
  const method = (HostBuffer.prototype as Record<string, unknown> | undefined)?.[`${encoding}Slice`];
  try {
    if (typeof method === "function" && (method as SliceEncoder).call(Uint8Array.of(0xab), 0, 1) === expected) {
      const slice = method as SliceEncoder;
      return (bytes) => slice.call(bytes, 0, bytes.length);
    }
  } catch {
    // Not Node's method: the documented call below.
  }
  return (bytes) => HostBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(encoding);
}
const hostHex = hostEncoder("hex", "ab");
const hostLatin1 = hostEncoder("latin1", "\xab");

/**
 * A TextDecoder where the host has one (every modern runtime; it is not
 * ECMAScript, so core only detects it): ASCII decodes the same in any 8-bit codec.
 */
const asciiDecoder = (() => {
  const Decoder = (globalThis as { TextDecoder?: new (label: string) => { decode(bytes: Uint8Array): string } }).TextDecoder;
  return Decoder === undefined ? undefined : new Decoder("latin1");
})();

/** ASCII codes to a string: one native decode, or chunks that stay under engines' argument limits. */
function decode(codes: Uint8Array): string {
  if (hostLatin1 !== undefined) return hostLatin1(codes);
  if (asciiDecoder !== undefined) return asciiDecoder.decode(codes);
  const CHUNK = 8192;
  let text = "";
  for (let i = 0; i < codes.length; i += CHUNK) {
    text += String.fromCharCode.apply(null, codes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return text;
}
