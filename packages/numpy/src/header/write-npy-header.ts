/**
 * Writing the `.npy` header as numpy/lib/_format_impl.py does
 * (`_write_array_header`, `_wrap_header`, `_wrap_header_guess_version`):
 * the sorted literal dict, room for the growth axis to widen, padding to
 * 64 bytes and a newline. Planned first (text, version, byte length) so
 * that a writer can allocate the whole file once and write the header
 * straight into it.
 *
 * @module
 */

import { ValueError } from "@pybuffer/core";
import { descrLiteral, type Descr } from "../dtype/dtype.ts";
import { MAGIC, MAGIC_LEN, type NpyVersion } from "./npy-header.ts";
import { pythonRepr } from "./python-literal.ts";

const ARRAY_ALIGN = 64;
const GROWTH_AXIS_MAX_DIGITS = 21;

/** A header ready to be written: its text, version and size in bytes. */
export interface NpyHeaderPlan {
  /** The dict's `repr`, without the spaces after it. */
  readonly text: string;
  readonly version: NpyVersion;
  /** Bytes from the magic string to the newline, padding included: where the data starts. */
  readonly byteLength: number;
  /** The text in UTF-8 (version 3.0); null when each code unit is one latin-1 byte. */
  readonly utf8: Uint8Array | null;
  /** Whether the text is ASCII, which UTF-8 and latin-1 encode alike. */
  readonly ascii: boolean;
}

/**
 * Plans the header NumPy writes for this dtype, order and shape. Without
 * `version`, the oldest that can hold it, as `_wrap_header_guess_version`
 * chooses: 1.0, then 2.0 for a header past 65535 bytes, 3.0 for text
 * beyond Latin-1.
 *
 * @throws ValueError "Header length N too big for version=(1, 0)", or
 * latin-1's refusal of a name beyond it for versions 1.0 and 2.0.
 */
export function planNpyHeader(descr: Descr, fortranOrder: boolean, shape: readonly number[], version?: NpyVersion): NpyHeaderPlan {
  const plain = isPlainTypestr(descr);
  const extents = shape.map(intRepr);
  const text = dictText(plain ? `'${descr}'` : pythonRepr(descrLiteral(descr)), fortranOrder, extents);
  // The growth axis's room is spaces, like the padding after it: counted, not written into the text.
  const room = extents.length === 0 ? 0 : Math.max(0, GROWTH_AXIS_MAX_DIGITS - extents[fortranOrder ? extents.length - 1 : 0]!.length);
  // A plain type string, the shape's digits and the dict's punctuation are ASCII: no need to scan.
  const ascii = plain || !NON_ASCII.test(text);
  const latin = ascii || isLatin1(text);
  const header = { text, room, ascii, latin };
  if (version !== undefined) return planWrap(header, version);
  if (!latin) return planWrap(header, "3.0");
  return planWrap(header, "1.0", false) ?? planWrap(header, "2.0");
}

/**
 * Writes a planned header at the start of `out` (at least
 * `plan.byteLength` bytes), every byte of it: `out` may hold old bytes.
 */
export function writeNpyHeaderInto(plan: NpyHeaderPlan, out: Uint8Array): void {
  const { text, version, byteLength, utf8, ascii } = plan;
  out.set(MAGIC);
  out[6] = version === "1.0" ? 1 : version === "2.0" ? 2 : 3;
  out[7] = 0;
  // The dict's length, little-endian: 2 bytes in 1.0, 4 after (at most 0xffffffff, planWrap checked).
  const lengthSize = version === "1.0" ? 2 : 4;
  const dictLength = byteLength - MAGIC_LEN - lengthSize;
  out[MAGIC_LEN] = dictLength & 0xff;
  out[MAGIC_LEN + 1] = (dictLength >>> 8) & 0xff;
  if (lengthSize === 4) {
    out[MAGIC_LEN + 2] = (dictLength >>> 16) & 0xff;
    out[MAGIC_LEN + 3] = dictLength >>> 24;
  }
  let at = MAGIC_LEN + lengthSize;
  if (utf8 !== null) {
    out.set(utf8, at);
    at += utf8.length;
  } else if (ascii) {
    // The host's encoder writes a fresh, concatenated string several times faster than charCodeAt can read it.
    at += ENCODER.encodeInto(text, out.subarray(at, byteLength)).written;
  } else for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  out.fill(0x20, at, byteLength - 1);
  out[byteLength - 1] = 0x0a;
}

const ENCODER = new TextEncoder();

/**
 * The header bytes NumPy writes for this dtype, order and shape (see
 * {@link planNpyHeader}).
 *
 * @throws ValueError "Header length N too big for version=(1, 0)".
 */
export function writeNpyHeader(descr: Descr, fortranOrder: boolean, shape: readonly number[], version?: NpyVersion): Uint8Array {
  return npyHeaderBytes(planNpyHeader(descr, fortranOrder, shape, version));
}

/** A planned header on its own, in a new array. */
export function npyHeaderBytes(plan: NpyHeaderPlan): Uint8Array {
  const out = new Uint8Array(plan.byteLength);
  writeNpyHeaderInto(plan, out);
  return out;
}

/**
 * `repr` of the dict `{'descr': ..., 'fortran_order': ..., 'shape': ...}`
 * with a `, ` after each item, as `_write_array_header` writes it (the
 * spaces after it are the writer's). A type string that `repr` writes as
 * it is (printable ASCII without quote or backslash) is quoted directly;
 * any other descr goes through the literal's `repr`.
 */
export function npyHeaderText(descr: Descr, fortranOrder: boolean, shape: readonly number[]): string {
  return dictText(isPlainTypestr(descr) ? `'${descr}'` : pythonRepr(descrLiteral(descr)), fortranOrder, shape.map(intRepr));
}

function dictText(descrRepr: string, fortranOrder: boolean, extents: readonly string[]): string {
  const shapeRepr = extents.length === 1 ? `(${extents[0]},)` : `(${extents.join(", ")})`;
  return `{'descr': ${descrRepr}, 'fortran_order': ${fortranOrder ? "True" : "False"}, 'shape': ${shapeRepr}, }`;
}

/** Text Python's `repr` of a `str` quotes as it is, in single quotes. */
const PLAIN_TYPESTR = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

function isPlainTypestr(descr: Descr): descr is string {
  return typeof descr === "string" && PLAIN_TYPESTR.test(descr);
}

/** Python's `repr` of an int (an extent: an integer, beyond 2**53 only if some other extent is 0). */
function intRepr(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Whether latin-1 encodes `text`: every code unit below 0x100 (a character beyond U+FFFF is two units above it). */
function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/** A header's text, the growth axis's room after it, and which encodings can write it. */
interface HeaderText {
  readonly text: string;
  readonly room: number;
  readonly ascii: boolean;
  readonly latin: boolean;
}

/**
 * `_wrap_header`: the padded size of the text and its room in `version`,
 * or, when it does not fit and `raise` is false, null.
 */
function planWrap(header: HeaderText, version: NpyVersion): NpyHeaderPlan;
function planWrap(header: HeaderText, version: NpyVersion, raise: false): NpyHeaderPlan | null;
function planWrap({ text, room, ascii, latin }: HeaderText, version: NpyVersion, raise = true): NpyHeaderPlan | null {
  const lengthSize = version === "1.0" ? 2 : 4;
  let utf8: Uint8Array | null = null;
  if (version === "3.0") utf8 = new TextEncoder().encode(text);
  else if (!latin) throw new ValueError(`'latin-1' codec can't encode the header for version=(${version[0]}, 0)`);
  const hlen = (utf8 === null ? text.length : utf8.length) + room + 1;
  const padlen = ARRAY_ALIGN - ((MAGIC_LEN + lengthSize + hlen) % ARRAY_ALIGN);
  const total = hlen + padlen;
  if (total > (lengthSize === 2 ? 0xffff : 0xffffffff)) {
    if (!raise) return null;
    throw new ValueError(`Header length ${hlen} too big for version=(${version[0]}, 0)`);
  }
  return { text, version, byteLength: MAGIC_LEN + lengthSize + total, utf8, ascii };
}
