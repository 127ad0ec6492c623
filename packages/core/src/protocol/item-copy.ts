/**
 * Copying items between strided places, a word at a time: the inner loop of
 * every gather (`toContiguous`, `toBytes`), scatter (`fromContiguous`, slice
 * assignment) and strided write. Integer TypedArrays move the bits exactly
 * (a Float64Array might not keep a NaN's payload: ECMA-262's SetValueInBuffer
 * lets an engine store any NaN encoding). Words of 8 bytes go through a
 * BigUint64Array: optimizing engines copy its elements without making BigInts,
 * one load and one store per 8-byte item, as a Float64Array loop would.
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
  #longs: BigUint64Array | undefined;

  constructor(memory: MemoryBlock) {
    this.memory = memory;
  }

  bytes(): Uint8Array {
    return (this.#bytes ??= new Uint8Array(this.memory));
  }

  /** The memory as `word`-byte elements (a trailing partial word left out). */
  words(word: 2 | 4 | 8): WordArray {
    const length = Math.floor(this.memory.byteLength / word);
    if (word === 8) return (this.#longs ??= new BigUint64Array(this.memory, 0, length));
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

/** The widest word (8, 4, 2 or 1 bytes) dividing every offset and size: `bits` is their OR. */
function wordSize(bits: number): 1 | 2 | 4 | 8 {
  // Negative strides are fine: two's complement keeps the low bits.
  return (bits & 7) === 0 ? 8 : (bits & 3) === 0 ? 4 : (bits & 1) === 0 ? 2 : 1;
}

/** Elements of one word size; a copy reads and writes one kind, so its elements stay as they are. */
type WordArray = Uint16Array | Uint32Array | BigUint64Array;

/** {@link copyItems} in words: offsets, strides and the item size all counted in words. */
function copyWords(
  source: WordArray,
  f: number,
  fromStep: number,
  target: WordArray,
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
    // Two words ('d' and 'q' in 4-byte words, 'Zd' in 8-byte ones): unrolled.
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
