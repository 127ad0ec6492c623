/**
 * `bytes.hex()` and `memoryview.hex()`: CPython's `_Py_strhex_impl`, with its
 * separator rules (`Python/pystrhex.c`).
 *
 * @module
 */

import { OverflowError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";

const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** The separator character, checked as CPython checks it. */
function separatorOf(sep: unknown): string {
  if (typeof sep === "string" || isUint8Array(sep)) {
    if (sep.length !== 1) throw new ValueError("sep must be length 1.");
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

/**
 * Two lowercase hex digits per byte; with a separator, one between groups of
 * `|bytesPerSep|` bytes counted from the right (positive) or the left (negative).
 */
export function hexOf(bytes: Uint8Array, sep?: unknown, bytesPerSep: number = 1): string {
  let group = 0;
  let separator = "";
  if (sep !== undefined && sep !== null) {
    separator = separatorOf(sep);
    if (!Number.isInteger(bytesPerSep)) {
      throw new PyTypeError(`'${pythonTypeName(bytesPerSep)}' object cannot be interpreted as an integer`);
    }
    if (bytesPerSep > 2147483647 || bytesPerSep < -2147483648) {
      throw new OverflowError("Python int too large to convert to C int");
    }
    group = bytesPerSep;
  }
  const length = bytes.length;
  const size = Math.abs(group);
  if (group === 0 || size >= length) {
    let out = "";
    for (let i = 0; i < length; i++) out += HEX_PAIRS[bytes[i]!];
    return out;
  }
  const parts: string[] = [];
  if (group < 0) {
    for (let i = 0; i < length; i += size) parts.push(hexRange(bytes, i, Math.min(i + size, length)));
  } else {
    const head = length % size || size;
    parts.push(hexRange(bytes, 0, head));
    for (let i = head; i < length; i += size) parts.push(hexRange(bytes, i, i + size));
  }
  return parts.join(separator);
}

function hexRange(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i++) out += HEX_PAIRS[bytes[i]!];
  return out;
}
