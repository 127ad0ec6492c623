/**
 * The floor of every case whose result is new bytes: the cheapest way plain
 * JavaScript on Node has to make a fresh `Uint8Array` over an ArrayBuffer of
 * its own (never a pooled one) holding given bytes. Below 64 KiB that is
 * `Uint8Array#slice` (a zero-filled allocation and a copy); from 64 KiB,
 * `Buffer.allocUnsafeSlow` (unzeroed, unpooled) and `set`, which skips the
 * zero-fill. `src/probes/allocation.mjs` times both by size.
 */

import { Buffer } from "node:buffer";

/** From this many bytes an unzeroed allocation is the cheaper one. */
const UNZEROED_FROM = 64 * 1024;

/**
 * A fresh, exclusive array of `length` bytes that the caller fills completely.
 *
 * @param {number} length
 * @returns {Uint8Array}
 */
export function freshBytes(length) {
  if (length < UNZEROED_FROM) return new Uint8Array(length);
  return new Uint8Array(Buffer.allocUnsafeSlow(length).buffer, 0, length);
}

/**
 * A fresh, exclusive copy of `bytes[start:end]`.
 *
 * @param {Uint8Array} bytes
 * @param {number} [start]
 * @param {number} [end]
 * @returns {Uint8Array}
 */
export function freshCopy(bytes, start = 0, end = bytes.length) {
  if (end - start < UNZEROED_FROM) return bytes.slice(start, end);
  const copy = freshBytes(end - start);
  copy.set(bytes.subarray(start, end));
  return copy;
}
