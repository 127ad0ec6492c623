/**
 * Copying items between strided places, a word at a time: the inner loop of
 * every gather (`toContiguous`, `toBytes`), scatter (`fromContiguous`, slice
 * assignment) and strided write. Integer TypedArrays move the bits exactly
 * (a Float64Array might not keep a NaN's payload).
 *
 * @module
 */

import type { MemoryBlock } from "./buffer-record.ts";

/** Rows shorter than this are copied byte by byte: a word loop's set-up costs more. */
const WORD_COPY_MIN_BYTES = 64;

/**
 * A memory block and its byte and word views, made on first use: one copy
 * walks many rows, and making a TypedArray per row costs more than copying
 * a short row. Valid while the memory keeps its size (for one copy).
 *
 * @example
 * ```ts
 * const from = new WordViews(new ArrayBuffer(16));
 * from.words(4).length; // 4
 * ```
 */
export class WordViews {
  readonly memory: MemoryBlock;
  #bytes: Uint8Array | undefined;
  #halves: Uint16Array | undefined;
  #words: Uint32Array | undefined;

  constructor(memory: MemoryBlock) {
    this.memory = memory;
  }

  bytes(): Uint8Array {
    return (this.#bytes ??= new Uint8Array(this.memory));
  }

  /** The memory as `word`-byte elements (a trailing partial word left out). */
  words(word: 2 | 4): Uint16Array | Uint32Array {
    const length = Math.floor(this.memory.byteLength / word);
    return word === 4 ? (this.#words ??= new Uint32Array(this.memory, 0, length)) : (this.#halves ??= new Uint16Array(this.memory, 0, length));
  }
}

/**
 * Copies `count` items of `itemsize` bytes: the i-th from byte
 * `fromStart + i * fromStride` of `from` to byte `toStart + i * toStride` of
 * `to`. Overlapping source and target must be handled by the caller.
 */
export function copyItems(
  from: WordViews,
  fromStart: number,
  fromStride: number,
  to: WordViews,
  toStart: number,
  toStride: number,
  count: number,
  itemsize: number,
): void {
  if (count * itemsize >= WORD_COPY_MIN_BYTES) {
    const word = wordSize(itemsize | fromStart | fromStride | toStart | toStride);
    if (word !== 1) {
      copyWords(from.words(word), fromStart / word, fromStride / word, to.words(word), toStart / word, toStride / word, count, itemsize / word);
      return;
    }
    if (fromStride === itemsize && toStride === itemsize) {
      to.bytes().set(from.bytes().subarray(fromStart, fromStart + count * itemsize), toStart);
      return;
    }
  }
  const source = from.bytes();
  const target = to.bytes();
  for (let i = 0, f = fromStart, t = toStart; i < count; i++, f += fromStride, t += toStride) {
    for (let b = 0; b < itemsize; b++) target[t + b] = source[f + b]!;
  }
}

/** The widest word (4, 2 or 1 bytes) dividing every offset and size: `bits` is their OR. */
function wordSize(bits: number): 1 | 2 | 4 {
  // Negative strides are fine: two's complement keeps the low bits.
  return (bits & 3) === 0 ? 4 : (bits & 1) === 0 ? 2 : 1;
}

/** {@link copyItems} in words: offsets, strides and the item size all counted in words. */
function copyWords(
  source: Uint16Array | Uint32Array,
  f: number,
  fromStep: number,
  target: Uint16Array | Uint32Array,
  t: number,
  toStep: number,
  count: number,
  perItem: number,
): void {
  if (perItem === 1) {
    for (let i = 0; i < count; i++, f += fromStep, t += toStep) target[t] = source[f]!;
    return;
  }
  if (perItem === 2) {
    // 8-byte items ('d', 'q'), the commonest wide ones: unrolled.
    for (let i = 0; i < count; i++, f += fromStep, t += toStep) {
      target[t] = source[f]!;
      target[t + 1] = source[f + 1]!;
    }
    return;
  }
  for (let i = 0; i < count; i++, f += fromStep, t += toStep) {
    for (let k = 0; k < perItem; k++) target[t + k] = source[f + k]!;
  }
}
