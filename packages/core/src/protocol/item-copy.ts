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

import { blockByteLength } from "../internal/block-size.ts";
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
 * from.longs().length; // 2
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

  /** The memory as 2-byte elements (a trailing odd byte left out). */
  halves(): Uint16Array {
    return (this.#halves ??= new Uint16Array(this.memory, 0, Math.floor(blockByteLength(this.memory) / 2)));
  }

  /** The memory as 4-byte elements (a trailing partial word left out). */
  words(): Uint32Array {
    return (this.#words ??= new Uint32Array(this.memory, 0, Math.floor(blockByteLength(this.memory) / 4)));
  }

  /** The memory as 8-byte elements (a trailing partial word left out). */
  longs(): BigUint64Array {
    return (this.#longs ??= new BigUint64Array(this.memory, 0, Math.floor(blockByteLength(this.memory) / 8)));
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
    // Offsets, strides and the item size counted in words from here on.
    if (word === 8) return copyLongs(from.longs(), fromStart / 8, fromStride / 8, to.longs(), toStart / 8, toStride / 8, count, itemsize / 8);
    if (word === 4) return copyWords(from.words(), fromStart / 4, fromStride / 4, to.words(), toStart / 4, toStride / 4, count, itemsize / 4);
    if (word === 2) return copyHalves(from.halves(), fromStart / 2, fromStride / 2, to.halves(), toStart / 2, toStride / 2, count, itemsize / 2);
    if (fromStride === itemsize && toStride === itemsize) {
      to.bytes().set(from.bytes().subarray(fromStart, fromStart + count * itemsize), toStart);
      return;
    }
  }
  copyBytes(from.bytes(), fromStart, fromStride, to.bytes(), toStart, toStride, count, itemsize);
}

/** The widest word (8, 4, 2 or 1 bytes) dividing every offset and size: `bits` is their OR. */
function wordSize(bits: number): 1 | 2 | 4 | 8 {
  // Negative strides are fine: two's complement keeps the low bits.
  return (bits & 7) === 0 ? 8 : (bits & 3) === 0 ? 4 : (bits & 1) === 0 ? 2 : 1;
}

/*
 * {@link copyItems} in one element kind each: `f` and `t` the first words,
 * `fromStep` and `toStep` the strides and `perItem` the item size, all in
 * words. One function declaration per kind, never one shared loop nor
 * closures of one factory: V8 keeps the type feedback and the optimized code
 * of a function literal together, so a loop that has seen two element kinds
 * loads and stores polymorphically from then on (an 8-byte gather up to
 * 2.9x slower; packages/bench/src/probes/word-copy-kinds.mjs). A gather into
 * consecutive words (`toContiguous`'s rows) is unrolled eight times, which
 * V8 turns into straight loads and stores: ~1.6x the plain loop's speed.
 * Integer elements only: ECMA-262's SetValueInBuffer lets an engine store
 * any NaN encoding through a Float64Array, and bytes must move bit for bit.
 */

function copyLongs(source: BigUint64Array, f: number, fromStep: number, target: BigUint64Array, t: number, toStep: number, count: number, perItem: number): void {
  if (perItem !== 1) {
    for (let i = 0; i < count; i++, f += fromStep, t += toStep) for (let k = 0; k < perItem; k++) target[t + k] = source[f + k]!;
    return;
  }
  let i = 0;
  if (toStep === 1) {
    for (const step = fromStep, step8 = 8 * step; i < count - 7; i += 8, f += step8) {
      const at = t + i;
      target[at] = source[f]!;
      target[at + 1] = source[f + step]!;
      target[at + 2] = source[f + 2 * step]!;
      target[at + 3] = source[f + 3 * step]!;
      target[at + 4] = source[f + 4 * step]!;
      target[at + 5] = source[f + 5 * step]!;
      target[at + 6] = source[f + 6 * step]!;
      target[at + 7] = source[f + 7 * step]!;
    }
    t += i;
  }
  for (; i < count; i++, f += fromStep, t += toStep) target[t] = source[f]!;
}

function copyWords(source: Uint32Array, f: number, fromStep: number, target: Uint32Array, t: number, toStep: number, count: number, perItem: number): void {
  if (perItem !== 1) {
    for (let i = 0; i < count; i++, f += fromStep, t += toStep) for (let k = 0; k < perItem; k++) target[t + k] = source[f + k]!;
    return;
  }
  let i = 0;
  if (toStep === 1) {
    for (const step = fromStep, step8 = 8 * step; i < count - 7; i += 8, f += step8) {
      const at = t + i;
      target[at] = source[f]!;
      target[at + 1] = source[f + step]!;
      target[at + 2] = source[f + 2 * step]!;
      target[at + 3] = source[f + 3 * step]!;
      target[at + 4] = source[f + 4 * step]!;
      target[at + 5] = source[f + 5 * step]!;
      target[at + 6] = source[f + 6 * step]!;
      target[at + 7] = source[f + 7 * step]!;
    }
    t += i;
  }
  for (; i < count; i++, f += fromStep, t += toStep) target[t] = source[f]!;
}

function copyHalves(source: Uint16Array, f: number, fromStep: number, target: Uint16Array, t: number, toStep: number, count: number, perItem: number): void {
  if (perItem !== 1) {
    for (let i = 0; i < count; i++, f += fromStep, t += toStep) for (let k = 0; k < perItem; k++) target[t + k] = source[f + k]!;
    return;
  }
  let i = 0;
  if (toStep === 1) {
    for (const step = fromStep, step8 = 8 * step; i < count - 7; i += 8, f += step8) {
      const at = t + i;
      target[at] = source[f]!;
      target[at + 1] = source[f + step]!;
      target[at + 2] = source[f + 2 * step]!;
      target[at + 3] = source[f + 3 * step]!;
      target[at + 4] = source[f + 4 * step]!;
      target[at + 5] = source[f + 5 * step]!;
      target[at + 6] = source[f + 6 * step]!;
      target[at + 7] = source[f + 7 * step]!;
    }
    t += i;
  }
  for (; i < count; i++, f += fromStep, t += toStep) target[t] = source[f]!;
}

/** Byte by byte: short rows, and items or offsets of odd sizes. */
function copyBytes(source: Uint8Array, f: number, fromStep: number, target: Uint8Array, t: number, toStep: number, count: number, itemsize: number): void {
  for (let i = 0; i < count; i++, f += fromStep, t += toStep) for (let b = 0; b < itemsize; b++) target[t + b] = source[f + b]!;
}
