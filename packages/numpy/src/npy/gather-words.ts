/**
 * saveNpy's gather of a 1-D strided run of 8-byte items (`a[::2]` of
 * float64, int64, complex64, datetime64): the commonest strided save, and
 * the one where the copy loop itself is the cost. NumPy's `write_array`
 * (numpy/lib/_format_impl.py) gathers such a view with `nditer`'s buffered
 * C loop; core's general gather (`toContiguous`) walks items one word per
 * iteration through word views it shares among item sizes. Here a
 * `BigUint64Array` loop unrolled eight times, used for nothing else, so
 * V8's optimizing tier keeps it monomorphic and moves each item as one
 * 64-bit load and store, without a BigInt: about twice core's speed on warm
 * memory. An integer view, not a `Float64Array`: ECMA-262's SetValueInBuffer
 * lets an engine store any NaN encoding, and NumPy's bytes must stay bit
 * for bit.
 *
 * @module
 */

import type { BufferRecord } from "@pybuffer/core";

const WORD = 8;

/**
 * Gathers the items of `record` into `target` in index order when `record`
 * is a 1-D strided run of 8-byte items whose every offset is a multiple of
 * 8 and whose memory still holds every item it reaches; otherwise writes
 * nothing and answers false, and the caller takes core's general path
 * (contiguous and reversed runs too: core copies those in bulk), which
 * also follows grown WebAssembly memory and names memory that is gone.
 */
export function gatherWordsInto(record: BufferRecord, target: Uint8Array): boolean {
  const { memory, buf, itemsize, strides } = record;
  if (record.ndim !== 1 || itemsize !== WORD || record.suboffsets !== null || strides === null) return false;
  const stride = strides[0]!;
  const count = record.len / WORD;
  if (stride === WORD || stride === -WORD || target.length !== record.len || ((buf | stride | target.byteOffset) & (WORD - 1)) !== 0) return false;
  // The reach checked against the memory as it is now: a detached or shrunk buffer (byteLength 0 or less) goes to core.
  const last = buf + (count - 1) * stride;
  if (count === 0 || Math.min(buf, last) < 0 || Math.max(buf, last) + WORD > memory.byteLength) return false;
  const source = new BigUint64Array(memory, 0, Math.floor(memory.byteLength / WORD));
  const words = new BigUint64Array(target.buffer, target.byteOffset, count);
  copyStridedWords(source, buf / WORD, stride / WORD, words, count);
  return true;
}

/** `count` words from `source[start + i * step]` to `target[i]`, eight per iteration. */
function copyStridedWords(source: BigUint64Array, start: number, step: number, target: BigUint64Array, count: number): void {
  let i = 0;
  let at = start;
  const step8 = 8 * step;
  for (; i + 7 < count; i += 8, at += step8) {
    target[i] = source[at]!;
    target[i + 1] = source[at + step]!;
    target[i + 2] = source[at + 2 * step]!;
    target[i + 3] = source[at + 3 * step]!;
    target[i + 4] = source[at + 4 * step]!;
    target[i + 5] = source[at + 5 * step]!;
    target[i + 6] = source[at + 6 * step]!;
    target[i + 7] = source[at + 7 * step]!;
  }
  for (; i < count; i++, at += step) target[i] = source[at]!;
}
