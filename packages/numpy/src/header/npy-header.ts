/**
 * The `.npy` header, read and written as numpy/lib/_format_impl.py does it
 * (`read_magic`, `_read_array_header`), with NumPy's checks and
 * messages; write-npy-header.ts writes it. Input is untrusted:
 * lengths are checked against the bytes present before anything is read.
 *
 * @module
 */

import { ValueError } from "@pybuffer/core";
import { descrToDType, literalDescr, type Descr, type DType } from "../dtype/dtype.ts";
import { canonicalHeader, type CanonicalHeader } from "./canonical-header.ts";
import { parsePythonLiteral, PyTuple, pythonRepr, type PyLiteral } from "./python-literal.ts";

/**
 * The `.npy` format versions (numpy/lib/format.py): 1.0 has a 2-byte header
 * length, 2.0 a 4-byte one, 3.0 a UTF-8 header.
 *
 * @example
 * ```ts
 * import { loadNpy, saveNpy, type NpyVersion } from "@pybuffer/numpy";
 * const oldest: NpyVersion = loadNpy(saveNpy(new Uint8Array([1]))).version; // oldest: "1.0"
 * loadNpy(saveNpy(new Uint8Array([1]), { version: "2.0" })).version; // "2.0"
 * ```
 *
 * @since 0.1.0
 */
export type NpyVersion = "1.0" | "2.0" | "3.0";

/** The magic string, b"\x93NUMPY". */
export const MAGIC: readonly number[] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
/** Bytes of the magic string and the version. */
export const MAGIC_LEN = 8;
/** The version of each major number, 1 to 3. */
const VERSIONS: readonly NpyVersion[] = ["1.0", "2.0", "3.0"];
/** NumPy's `_MAX_HEADER_SIZE`: longer headers are refused unless the caller raises the limit. */
export const DEFAULT_MAX_HEADER_SIZE = 10000;

/** A parsed header and where the data starts. */
export interface NpyHeader {
  readonly version: NpyVersion;
  readonly descr: Descr;
  readonly dtype: DType;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Byte offset of the data from the start of the file. */
  readonly dataOffset: number;
}

/** NumPy's `_read_bytes` error for a file that ends early. */
export function eof(what: string, expected: number, got: number): ValueError {
  return new ValueError(`EOF: reading ${what}, expected ${expected} bytes got ${got}`);
}

/** Python's `repr` of a bytes object. */
export function bytesRepr(bytes: Uint8Array): string {
  let out = "b'";
  for (const b of bytes) {
    if (b === 0x27 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(b);
  }
  return `${out}'`;
}

/** Where the header dict lies in a file, read from its first bytes. */
export interface NpyPreamble {
  /** The format's major version: 1, 2 or 3. */
  readonly major: number;
  /** Byte offset of the header dict (after the magic string, version and length). */
  readonly start: number;
  /** Byte length of the header dict, padding and newline included. */
  readonly headerLength: number;
}

function hasMagic(bytes: Uint8Array): boolean {
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

/** Bytes a reader needs to see to know the header's length, for any version. */
export const NPY_PREAMBLE_MAX = MAGIC_LEN + 4;

/**
 * Reads the magic string, version and header length (`read_magic` and the
 * start of `_read_array_header`): enough to know how many bytes the header
 * takes before reading it, which a stream reader needs.
 *
 * @throws ValueError with NumPy's message for a wrong magic string or version, or too few bytes.
 */
export function readNpyPreamble(bytes: Uint8Array): NpyPreamble {
  if (bytes.length < MAGIC_LEN) throw eof("magic string", MAGIC_LEN, bytes.length);
  if (!hasMagic(bytes)) {
    throw new ValueError(`the magic string is not correct; expected b'\\x93NUMPY', got ${bytesRepr(bytes.subarray(0, 6))}`);
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (minor !== 0 || major < 1 || major > 3) {
    throw new ValueError(`we only support format version (1,0), (2,0), and (3,0), not (${major}, ${minor})`);
  }
  const lengthSize = major === 1 ? 2 : 4;
  const available = bytes.length - MAGIC_LEN;
  if (available < lengthSize) throw eof("array header length", lengthSize, available);
  // Little-endian, read bytewise (a DataView per call costs more than the rest of the preamble).
  const low = bytes[MAGIC_LEN]! | (bytes[MAGIC_LEN + 1]! << 8);
  const headerLength = lengthSize === 2 ? low : low + bytes[MAGIC_LEN + 2]! * 0x10000 + bytes[MAGIC_LEN + 3]! * 0x1000000;
  return { major, start: MAGIC_LEN + lengthSize, headerLength };
}

/**
 * NumPy's refusal of a header longer than `max_header_size` characters
 * (`_read_array_header` in numpy/lib/_format_impl.py).
 */
export function headerTooLarge(length: number): ValueError {
  return new ValueError(
    `Header info length (${length}) is large and may not be safe to load securely.\n` +
      "To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.\n" +
      "For safety against large resource use or crashes, sandboxing may be necessary.",
  );
}

/**
 * Reads the magic string, version and header dict at the start of `bytes`.
 *
 * @throws ValueError with NumPy's message for every malformed or truncated header.
 */
export function readNpyHeader(bytes: Uint8Array, maxHeaderSize = DEFAULT_MAX_HEADER_SIZE): NpyHeader {
  const { major, start, headerLength } = readNpyPreamble(bytes);
  if (bytes.length - start < headerLength) throw eof("array header", headerLength, bytes.length - start);
  const raw = bytes.subarray(start, start + headerLength);
  const { descr, dtype, fortranOrder, shape } = headerFields(raw, major, maxHeaderSize);
  return { version: VERSIONS[major - 1]!, descr, dtype, fortranOrder, shape, dataOffset: start + headerLength };
}

/**
 * The header's fields: NumPy's own layout recognized directly, anything
 * else parsed and checked as a literal. A latin-1 header (one character a
 * byte, so its length is known before decoding) is first read by the
 * host's decoder, which agrees with latin-1 on ASCII: the layout NumPy
 * writes is all ASCII, so a text that has it was decoded exactly.
 */
function headerFields(raw: Uint8Array, major: number, maxHeaderSize: number): { descr: Descr; dtype: DType; fortranOrder: boolean; shape: number[] } {
  let text: string;
  if (major === 3) {
    text = decodeUtf8(raw);
    if (text.length > maxHeaderSize) throw headerTooLarge(text.length);
  } else {
    if (raw.length > maxHeaderSize) throw headerTooLarge(raw.length);
    const canonical = canonicalHeader(ASCII.decode(raw));
    if (canonical !== null) return canonicalFields(canonical);
    text = latin1(raw);
  }
  const canonical = canonicalHeader(text);
  if (canonical !== null) return canonicalFields(canonical);
  return checkHeaderDict(parsePythonLiteral(text, { longSuffix: major < 3 }));
}

function canonicalFields({ descr, fortranOrder, shape }: CanonicalHeader): { descr: Descr; dtype: DType; fortranOrder: boolean; shape: number[] } {
  return { descr, dtype: descrToDType(descr), fortranOrder, shape };
}

function checkHeaderDict(literal: PyLiteral): { descr: Descr; dtype: DType; fortranOrder: boolean; shape: number[] } {
  if (!(literal instanceof Map)) throw new ValueError(`Header is not a dictionary: ${pythonRepr(literal)}`);
  const keys = [...literal.keys()];
  const expected = ["descr", "fortran_order", "shape"];
  if (keys.length !== 3 || !expected.every((k) => literal.has(k))) {
    const sorted = [...keys].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
    throw new ValueError(`Header does not contain the correct keys: ${pythonRepr(sorted)}`);
  }
  const shapeLiteral = literal.get("shape")!;
  if (!(shapeLiteral instanceof PyTuple) || !shapeLiteral.items.every((n) => typeof n === "bigint")) {
    throw new ValueError(`shape is not valid: ${pythonRepr(shapeLiteral)}`);
  }
  const fortranOrder = literal.get("fortran_order")!;
  if (typeof fortranOrder !== "boolean") throw new ValueError(`fortran_order is not a valid bool: ${pythonRepr(fortranOrder)}`);
  const dims = shapeLiteral.items as bigint[];
  if (dims.some((n) => n < 0n)) throw new ValueError("negative dimensions are not allowed");
  if (dims.length > 64) throw new ValueError(`maximum supported dimension for an ndarray is currently 64, found ${dims.length}`);
  const descr = literalDescr(literal.get("descr")!) as Descr;
  const dtype = descrToDType(descr);
  const shape = dims.map((n) => {
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw tooBig();
    return Number(n);
  });
  return { descr, dtype, fortranOrder, shape };
}

/** The data's byte length, `product(shape) * itemsize`, refused when it is not a safe integer. */
export function npyDataLength(header: Pick<NpyHeader, "shape" | "dtype">): number {
  let count = 1;
  for (const n of header.shape) count *= n;
  const nbytes = count * header.dtype.itemsize;
  if (!Number.isSafeInteger(nbytes)) throw tooBig();
  return nbytes;
}

export function tooBig(): ValueError {
  return new ValueError("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.");
}

/**
 * Python's latin-1 decoding (every byte its own code point). ASCII goes
 * through the host's decoder ({@link ASCII}); other headers are decoded a
 * chunk of code units at a time.
 */
function latin1(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length && ascii; i++) ascii = bytes[i]! < 0x80;
  if (ascii) return ASCII.decode(bytes);
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return text;
}

/**
 * The host's decoder for ASCII. WHATWG's "latin1" label is windows-1252,
 * which maps bytes 0x80-0x9F to other characters than latin-1 does: only
 * for ASCII text are the two the same.
 */
const ASCII = new TextDecoder("latin1");

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ValueError("'utf-8' codec can't decode the array header");
  }
}
