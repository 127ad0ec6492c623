/**
 * `hash(b)` (Objects/bufferobject.c: buffer_hash): Python 2's `str` hash of the window, computed once
 * and kept, as CPython keeps `b_hash`.
 *
 * @module
 */

import { PyTypeError } from "@pybuffer/core";
import { segmentBytes } from "../protocol/segment.ts";
import { resolveWindow, type BufferState } from "./state.ts";

const MULTIPLIER = 1000003;
const TWO_32 = 0x1_0000_0000;

/**
 * Python 2's `str` hash without randomization (`-R` off, as by default):
 * `x = p[0] << 7; for c in p: x = (1000003 * x) ^ c; x ^= len; -1 -> -2`,
 * on a 64-bit C `long`. The 64-bit state is kept as two 32-bit halves.
 */
export function stringHash(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hi = 0;
  let lo = (bytes[0]! << 7) >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    const product = lo * MULTIPLIER; // < 2**52: exact
    const carry = Math.floor(product / TWO_32);
    hi = (Math.imul(hi, MULTIPLIER) + carry) >>> 0;
    lo = (product >>> 0) ^ bytes[i]!;
    lo >>>= 0;
  }
  lo = (lo ^ bytes.length % TWO_32) >>> 0;
  hi = (hi ^ Math.floor(bytes.length / TWO_32)) >>> 0;
  const hash = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
  return hash === -1n ? -2n : hash;
}

/**
 * The buffer's hash: the cached one if any; else refused for a read-write
 * buffer (before the window is looked at); else computed (0 for an empty
 * window) and cached.
 *
 * @throws PyTypeError "writable buffers are not hashable".
 */
export function hashState(state: BufferState): bigint {
  if (state.hash !== undefined) return state.hash;
  if (!state.readonly) throw new PyTypeError("writable buffers are not hashable");
  const window = resolveWindow(state, "any");
  state.hash = window.length === 0 ? 0n : stringHash(segmentBytes(window));
  return state.hash;
}
