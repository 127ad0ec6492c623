/**
 * Copying items between strided places, a word at a time: the inner loop of
 * every gather (`toContiguous`, `toBytes`), scatter (`fromContiguous`, slice
 * assignment) and strided write. Integer TypedArrays move the bits exactly
 * (a Float64Array might not keep a NaN's payload).
 *
 * @module
 */

import type { MemoryBlock } from "./buffer-record.ts";

/** Rows shorter than this are copied byte by byte: making word views costs more. */
const WORD_COPY_MIN_BYTES = 64;

/**
 * Copies `count` items of `itemsize` bytes: the i-th from byte
 * `fromStart + i * fromStride` of `from` to byte `toStart + i * toStride` of
 * `to`. Overlapping source and target must be handled by the caller.
 */
export function copyItems(
  from: MemoryBlock,
  fromStart: number,
  fromStride: number,
  to: MemoryBlock,
  toStart: number,
  toStride: number,
  count: number,
  itemsize: number,
): void {
  if (count * itemsize >= WORD_COPY_MIN_BYTES) {
    const word = wordSize(itemsize | fromStart | fromStride | toStart | toStride);
    if (word !== 1) {
      copyWords(from, fromStart, fromStride, to, toStart, toStride, count, itemsize, word);
      return;
    }
    if (fromStride === itemsize && toStride === itemsize) {
      new Uint8Array(to).set(new Uint8Array(from, fromStart, count * itemsize), toStart);
      return;
    }
  }
  const source = new Uint8Array(from);
  const target = source.buffer === to ? source : new Uint8Array(to);
  for (let i = 0, f = fromStart, t = toStart; i < count; i++, f += fromStride, t += toStride) {
    for (let b = 0; b < itemsize; b++) target[t + b] = source[f + b]!;
  }
}

/** The widest word (4, 2 or 1 bytes) dividing every offset and size: `bits` is their OR. */
function wordSize(bits: number): 1 | 2 | 4 {
  // Negative strides are fine: two's complement keeps the low bits.
  return (bits & 3) === 0 ? 4 : (bits & 1) === 0 ? 2 : 1;
}

function copyWords(
  from: MemoryBlock,
  fromStart: number,
  fromStride: number,
  to: MemoryBlock,
  toStart: number,
  toStride: number,
  count: number,
  itemsize: number,
  word: 2 | 4,
): void {
  const view = (memory: MemoryBlock): Uint32Array | Uint16Array =>
    word === 4 ? new Uint32Array(memory, 0, Math.floor(memory.byteLength / 4)) : new Uint16Array(memory, 0, Math.floor(memory.byteLength / 2));
  const source = view(from);
  const target = from === to ? source : view(to);
  const perItem = itemsize / word;
  const fromStep = fromStride / word;
  const toStep = toStride / word;
  let f = fromStart / word;
  let t = toStart / word;
  if (perItem === 1) {
    for (let i = 0; i < count; i++, f += fromStep, t += toStep) target[t] = source[f]!;
    return;
  }
  for (let i = 0; i < count; i++, f += fromStep, t += toStep) {
    for (let k = 0; k < perItem; k++) target[t + k] = source[f + k]!;
  }
}
