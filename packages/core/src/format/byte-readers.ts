/**
 * Items read from a `Uint8Array`'s own elements, at offsets relative to the
 * array. This is how `unpack` and `unpack_from` read a plain `Uint8Array`
 * argument: in V8 11 (Node 20) the array's `buffer`, `byteOffset` and
 * `byteLength` getters, which a DataView read needs, are calls that cost
 * more than reading a small record, while indexed elements are inlined loads.
 * Each reader gives exactly the value a DataView read of the same bytes gives
 * (`PyLong_FromLong`, `PyFloat_Unpack4`/`8` and friends in Modules/_struct.c).
 * The caller has checked that the item lies inside the array.
 *
 * @module
 */

import { HOST_LITTLE_ENDIAN } from "../internal/typed-array-for-code.ts";
import { decodeHalf } from "./half-float.ts";

/** Reads one item from `bytes` at `offset`. */
export type ByteReader<Value> = (bytes: Uint8Array, offset: number) => Value;

/**
 * Eight scratch bytes that a record's bytes are copied into, a 32-bit word
 * at a time, to be read back as a wider type through a TypedArray element
 * (`DataView#getBigInt64` is a call V8 11 does not inline). A float's bits,
 * NaN payloads and signalling NaNs included, come back as a DataView read
 * of the same bytes gives them (test/format/byte-readers.test.ts).
 */
const scratch = new ArrayBuffer(8);
const words = new Int32Array(scratch);
const float32s = new Float32Array(scratch, 0, 1);
const float64s = new Float64Array(scratch);
const int64s = new BigInt64Array(scratch);
const uint64s = new BigUint64Array(scratch);
/** Where the low and the high 32 bits of a 64-bit value sit in `words`. */
const LOW = HOST_LITTLE_ENDIAN ? 0 : 1;
const HIGH = 1 - LOW;

/** The signed 32-bit word of 4 little-endian bytes. */
const wordLE = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);
/** The signed 32-bit word of 4 big-endian bytes. */
const wordBE = (b: Uint8Array, o: number): number => (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;

/**
 * The signed 64-bit integer whose low and high 32 bits are `low` and `high`.
 * Also how a DataView's 8-byte integers are read (item-codec.ts): V8 11 does
 * not inline `DataView#getBigInt64`, while a BigInt64Array load is inlined.
 */
export function int64FromWords(low: number, high: number): bigint {
  words[LOW] = low;
  words[HIGH] = high;
  return int64s[0]!;
}

/** The unsigned 64-bit integer whose low and high 32 bits are `low` and `high`. */
export function uint64FromWords(low: number, high: number): bigint {
  words[LOW] = low;
  words[HIGH] = high;
  return uint64s[0]!;
}

/** The double whose low and high 32 bits are `low` and `high`. */
function float64FromWords(low: number, high: number): number {
  words[LOW] = low;
  words[HIGH] = high;
  return float64s[0]!;
}

/** A reader of integers of 1, 2 or 4 bytes, as numbers. */
export function smallIntegerReader(size: number, signed: boolean, le: boolean): ByteReader<number> {
  switch (size) {
    case 1:
      return signed ? (b, o) => (b[o]! << 24) >> 24 : (b, o) => b[o]!;
    case 2:
      if (le) return signed ? (b, o) => ((b[o]! | (b[o + 1]! << 8)) << 16) >> 16 : (b, o) => b[o]! | (b[o + 1]! << 8);
      return signed ? (b, o) => (((b[o]! << 8) | b[o + 1]!) << 16) >> 16 : (b, o) => (b[o]! << 8) | b[o + 1]!;
    default:
      if (le) return signed ? wordLE : (b, o) => wordLE(b, o) >>> 0;
      return signed ? wordBE : (b, o) => wordBE(b, o) >>> 0;
  }
}

/** A reader of integers of 8 bytes, as bigints. */
export function bigIntegerReader(signed: boolean, le: boolean): ByteReader<bigint> {
  if (le) return signed ? (b, o) => int64FromWords(wordLE(b, o), wordLE(b, o + 4)) : (b, o) => uint64FromWords(wordLE(b, o), wordLE(b, o + 4));
  return signed ? (b, o) => int64FromWords(wordBE(b, o + 4), wordBE(b, o)) : (b, o) => uint64FromWords(wordBE(b, o + 4), wordBE(b, o));
}

/** A reader of `e`, `f` and `d` items of `size` bytes. */
export function floatReader(size: number, le: boolean): ByteReader<number> {
  switch (size) {
    case 2:
      return le ? (b, o) => decodeHalf(b[o]! | (b[o + 1]! << 8)) : (b, o) => decodeHalf((b[o]! << 8) | b[o + 1]!);
    case 4:
      return le ? (b, o) => ((words[0] = wordLE(b, o)), float32s[0]!) : (b, o) => ((words[0] = wordBE(b, o)), float32s[0]!);
    default:
      return le ? (b, o) => float64FromWords(wordLE(b, o), wordLE(b, o + 4)) : (b, o) => float64FromWords(wordBE(b, o + 4), wordBE(b, o));
  }
}

/** `?`: a C `_Bool`, any non-zero byte is true. */
export const boolReader: ByteReader<boolean> = (b, o) => b[o] !== 0;
