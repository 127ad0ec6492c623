/**
 * One codec per (format code, size, byte order, mode): converting a JS value
 * with CPython's checks, writing it, and reading it back. Conversion is split
 * from writing so that a whole struct is validated before any byte is
 * written (CPython can leave a half-packed buffer behind; we never do).
 *
 * @module
 */

import { OverflowError, StructError } from "../errors/python-errors.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";
import { bigIntegerReader, boolReader, floatReader, int64FromWords, smallIntegerReader, uint64FromWords, type ByteReader } from "./byte-readers.ts";
import { bytesValue, complexValue, floatValue, guardedConversion, integerValue, pythonTruth } from "./coerce.ts";
import type { FormatCode } from "./format-codes.ts";
import { decodeHalf, encodeHalf } from "./half-float.ts";
import type { StructValue } from "./values.ts";

/**
 * Reads and writes one item of a format code. `coerce` throws CPython's error
 * for a bad value; what it returns can be written without failing.
 */
export interface ItemCodec<Coerced = unknown> {
  readonly char: string;
  /** Bytes per item (for `s` and `p`, the field width). */
  readonly size: number;
  coerce(value: unknown): Coerced;
  write(view: DataView, offset: number, coerced: Coerced): void;
  read(view: DataView, offset: number): StructValue;
  /**
   * Reads the item from a `Uint8Array`'s elements (byte-readers.ts), giving
   * what `read` gives for the same bytes; absent for `F`, `D`, `c`, `s` and `p`.
   */
  readonly readBytes?: ByteReader<StructValue>;
}

const cache = new Map<string, ItemCodec>();

/**
 * The codec for `code` at `size` bytes. `native` selects native-mode rules
 * (`P` wrapping, `f` overflowing to infinity instead of raising).
 */
export function itemCodec(code: FormatCode, size: number, littleEndian: boolean, native: boolean): ItemCodec {
  const key = `${code.char}${size}${littleEndian ? "<" : ">"}${native ? "@" : ""}`;
  let codec = cache.get(key);
  if (codec === undefined) {
    codec = buildCodec(code, size, littleEndian, native);
    cache.set(key, codec);
  }
  return codec;
}

function buildCodec(code: FormatCode, size: number, le: boolean, native: boolean): ItemCodec {
  switch (code.kind) {
    case "int":
      if (code.char === "P") return pointerCodec(size, le);
      return size === 8 ? bigIntegerCodec(code, le) : smallIntegerCodec(code, size, le);
    case "float":
      return floatCodec(code.char, size, le, native);
    case "complex":
      // CPython's big-endian table packs each part with PyFloat_Pack4, which
      // raises on overflow; the native and little-endian tables cast silently.
      return complexCodec(code.char, size, le, !le && !native);
    case "bool":
      return boolCodec();
    case "char":
      return charCodec();
    case "bytes":
      return bytesCodec(size);
    case "pascal":
      return pascalCodec(size);
    case "pad":
      throw new Error(`internal: no codec for pad bytes`);
  }
}

const notAnInteger = (): StructError => new StructError("required argument is not an integer");
const rangeError = (char: string, min: bigint | number, max: bigint | number): StructError =>
  new StructError(`'${char}' format requires ${min} <= number <= ${max}`);

/** Integers of 1, 2 or 4 bytes travel as JS numbers. */
function smallIntegerCodec(code: FormatCode, size: number, le: boolean): ItemCodec<number> {
  const bits = size * 8;
  const min = code.signed ? -(2 ** (bits - 1)) : 0;
  const max = code.signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const { get, set } = integerAccessors(size, code.signed, le);
  return {
    char: code.char,
    size,
    coerce(value) {
      if (typeof value === "number" && Number.isInteger(value)) {
        if (value >= min && value <= max) return value;
        throw rangeError(code.char, min, max);
      }
      const integer = integerValue(value);
      if (integer === null) throw notAnInteger();
      if (integer < BigInt(min) || integer > BigInt(max)) throw rangeError(code.char, min, max);
      return Number(integer);
    },
    write: set,
    read: get,
    readBytes: smallIntegerReader(size, code.signed, le),
  };
}

type NumberGetter = (view: DataView, offset: number) => number;
type NumberSetter = (view: DataView, offset: number, value: number) => void;

/**
 * Direct DataView calls for each width, sign and byte order: closures that
 * name the method (rather than `Function#call` on a stored method) let V8
 * inline the access.
 */
function integerAccessors(size: number, signed: boolean, le: boolean): { get: NumberGetter; set: NumberSetter } {
  switch (size) {
    case 1:
      return signed
        ? { get: (v, o) => v.getInt8(o), set: (v, o, x) => v.setInt8(o, x) }
        : { get: (v, o) => v.getUint8(o), set: (v, o, x) => v.setUint8(o, x) };
    case 2:
      if (le) {
        return signed
          ? { get: (v, o) => v.getInt16(o, true), set: (v, o, x) => v.setInt16(o, x, true) }
          : { get: (v, o) => v.getUint16(o, true), set: (v, o, x) => v.setUint16(o, x, true) };
      }
      return signed
        ? { get: (v, o) => v.getInt16(o), set: (v, o, x) => v.setInt16(o, x) }
        : { get: (v, o) => v.getUint16(o), set: (v, o, x) => v.setUint16(o, x) };
    default:
      if (le) {
        return signed
          ? { get: (v, o) => v.getInt32(o, true), set: (v, o, x) => v.setInt32(o, x, true) }
          : { get: (v, o) => v.getUint32(o, true), set: (v, o, x) => v.setUint32(o, x, true) };
      }
      return signed
        ? { get: (v, o) => v.getInt32(o), set: (v, o, x) => v.setInt32(o, x) }
        : { get: (v, o) => v.getUint32(o), set: (v, o, x) => v.setUint32(o, x) };
  }
}

/**
 * Integers of 8 bytes unpack as bigints. A safe integer packs as itself,
 * written in two 32-bit halves: converting it to a bigint first would cost
 * an allocation per item.
 */
function bigIntegerCodec(code: FormatCode, le: boolean): ItemCodec<number | bigint> {
  const min = code.signed ? -(1n << 63n) : 0n;
  const max = code.signed ? (1n << 63n) - 1n : (1n << 64n) - 1n;
  return {
    char: code.char,
    size: 8,
    coerce(value) {
      // Safe integers always fit a signed 64-bit code, and an unsigned one when non-negative.
      if (typeof value === "number" && Number.isSafeInteger(value) && (code.signed || value >= 0)) return value;
      const integer = integerValue(value);
      if (integer === null) throw notAnInteger();
      if (integer < min || integer > max) throw rangeError(code.char, min, max);
      return integer;
    },
    write: bigIntegerSetter(code.signed, le),
    read: bigIntegerGetter(code.signed, le),
    readBytes: bigIntegerReader(code.signed, le),
  };
}

/**
 * Reads an 8-byte integer as two 32-bit words, not with `getBigInt64`, which
 * V8 11 does not inline (byte-readers.ts); one closure per sign and byte
 * order, as in {@link integerAccessors}.
 */
function bigIntegerGetter(signed: boolean, le: boolean): (view: DataView, offset: number) => bigint {
  if (le) {
    return signed
      ? (v, o) => int64FromWords(v.getInt32(o, true), v.getInt32(o + 4, true))
      : (v, o) => uint64FromWords(v.getInt32(o, true), v.getInt32(o + 4, true));
  }
  return signed
    ? (v, o) => int64FromWords(v.getInt32(o + 4), v.getInt32(o))
    : (v, o) => uint64FromWords(v.getInt32(o + 4), v.getInt32(o));
}

/**
 * Writes a coerced 8-byte integer. A safe integer goes as two's complement
 * in two 32-bit words: the low one (`>>> 0` is exact below 2**53) and the
 * high one, which fits an int32. One closure per byte order, so that V8
 * inlines the whole write.
 */
function bigIntegerSetter(signed: boolean, le: boolean): (view: DataView, offset: number, value: number | bigint) => void {
  const setBig = signed ? DataView.prototype.setBigInt64 : DataView.prototype.setBigUint64;
  if (le) {
    return (v, o, x) => {
      if (typeof x !== "number") return setBig.call(v, o, x, true);
      v.setUint32(o, x >>> 0, true);
      v.setInt32(o + 4, Math.floor(x / 2 ** 32), true);
    };
  }
  return (v, o, x) => {
    if (typeof x !== "number") return setBig.call(v, o, x, false);
    v.setInt32(o, Math.floor(x / 2 ** 32));
    v.setUint32(o + 4, x >>> 0);
  };
}

/**
 * `P` (`PyLong_AsVoidPtr`): negative values down to the signed minimum wrap,
 * and anything out of range is CPython's "int too large to convert".
 */
function pointerCodec(size: number, le: boolean): ItemCodec {
  const bits = BigInt(size * 8);
  const min = -(1n << (bits - 1n));
  const modulus = 1n << bits;
  const unsigned = bigIntegerCodec({ char: "P", signed: false } as FormatCode, le);
  const narrow = smallIntegerCodec({ char: "P", signed: false } as FormatCode, size, le);
  return {
    char: "P",
    size,
    coerce(value) {
      const integer = integerValue(value);
      if (integer === null) throw notAnInteger();
      if (integer < min || integer >= modulus) throw new StructError("int too large to convert");
      const wrapped = integer < 0n ? integer + modulus : integer;
      return size === 8 ? wrapped : Number(wrapped);
    },
    write: size === 8 ? (unsigned.write as ItemCodec["write"]) : (narrow.write as ItemCodec["write"]),
    read: size === 8 ? unsigned.read : narrow.read,
    readBytes: size === 8 ? bigIntegerReader(false, le) : smallIntegerReader(size, false, le),
  };
}

/**
 * `e`, `f`, `d`. A finite value that does not fit raises OverflowError, which
 * CPython turns into "int too large to convert" when the argument was an int;
 * native `f` is a plain C cast and overflows to infinity silently.
 */
function floatCodec(char: string, size: number, le: boolean, native: boolean): ItemCodec<number> {
  const overflow = (value: unknown): Error =>
    typeof value === "bigint"
      ? new StructError("int too large to convert")
      : new OverflowError(`float too large to pack with ${char} format`);
  const toDouble = (value: unknown): number => {
    if (typeof value === "number") return value;
    const double = floatValue(value);
    if (double === null) throw new StructError("required argument is not a float");
    return double;
  };
  switch (size) {
    case 2:
      return {
        char,
        size,
        coerce(value) {
          const bits = encodeHalf(toDouble(value));
          if (bits === null) throw overflow(value);
          return bits;
        },
        write: (view, offset, bits) => view.setUint16(offset, bits, le),
        read: (view, offset) => decodeHalf(view.getUint16(offset, le)),
        readBytes: floatReader(2, le),
      };
    case 4:
      return {
        char,
        size,
        coerce(value) {
          const double = toDouble(value);
          const single = Math.fround(double);
          if (!native && !Number.isFinite(single) && Number.isFinite(double)) throw overflow(value);
          return single;
        },
        write: (view, offset, value) => view.setFloat32(offset, value, le),
        read: (view, offset) => view.getFloat32(offset, le),
        readBytes: floatReader(4, le),
      };
    default:
      return {
        char,
        size,
        coerce: toDouble,
        write: (view, offset, value) => view.setFloat64(offset, value, le),
        read: (view, offset) => view.getFloat64(offset, le),
        readBytes: floatReader(8, le),
      };
  }
}

/**
 * `F` and `D`: two floats or doubles, real part first. Only big-endian `F`
 * checks for overflow (CPython 3.14's tables differ there).
 */
function complexCodec(char: string, size: number, le: boolean, overflowChecked: boolean): ItemCodec<{ real: number; imag: number }> {
  const half = size / 2;
  const overflows = (part: number): boolean => half === 4 && !Number.isFinite(Math.fround(part)) && Number.isFinite(part);
  const set = half === 4 ? DataView.prototype.setFloat32 : DataView.prototype.setFloat64;
  const get = half === 4 ? DataView.prototype.getFloat32 : DataView.prototype.getFloat64;
  return {
    char,
    size,
    coerce(value) {
      const complex = guardedConversion(value, complexValue);
      if (complex === null) throw new StructError("required argument is not a complex");
      if (overflowChecked && (overflows(complex.real) || overflows(complex.imag))) {
        throw typeof value === "bigint"
          ? new StructError("int too large to convert")
          : new OverflowError("float too large to pack with f format");
      }
      return complex;
    },
    write(view, offset, { real, imag }) {
      set.call(view, offset, real, le);
      set.call(view, offset + half, imag, le);
    },
    read: (view, offset) => ({ real: get.call(view, offset, le), imag: get.call(view, offset + half, le) }),
  };
}

/** `?`: any value, by Python truthiness; reads as a C `_Bool` (any non-zero byte is true). */
function boolCodec(): ItemCodec<number> {
  return {
    char: "?",
    size: 1,
    // A boolean needs no guard: its truth cannot throw.
    coerce: (value) => ((typeof value === "boolean" ? value : guardedConversion(value, pythonTruth)) ? 1 : 0),
    write: (view, offset, byte) => view.setUint8(offset, byte),
    read: (view, offset) => view.getUint8(offset) !== 0,
    readBytes: boolReader,
  };
}

/** `c`: a bytes object of length 1. */
function charCodec(): ItemCodec<number> {
  return {
    char: "c",
    size: 1,
    coerce(value) {
      if (isUint8Array(value) && value.length === 1) return value[0]!;
      throw new StructError("char format requires a bytes object of length 1");
    },
    write: (view, offset, byte) => view.setUint8(offset, byte),
    read: (view, offset) => copyBytes(view, offset, 1),
  };
}

/** `Ns`: up to N bytes, truncated or NUL-padded. */
function bytesCodec(size: number): ItemCodec<Uint8Array> {
  return {
    char: "s",
    size,
    coerce: (value) => bytesValue(value, "s"),
    write(view, offset, bytes) {
      const target = new Uint8Array(view.buffer, view.byteOffset + offset, size);
      const n = Math.min(bytes.length, size);
      target.set(n === bytes.length ? bytes : bytes.subarray(0, n));
      target.fill(0, n);
    },
    read: (view, offset) => copyBytes(view, offset, size),
  };
}

/**
 * `Np`: a Pascal string, a length byte then up to N-1 bytes. The length byte
 * saturates at 255 while the data still fills the field (CPython's rule).
 */
function pascalCodec(size: number): ItemCodec<Uint8Array> {
  return {
    char: "p",
    size,
    coerce: (value) => bytesValue(value, "p"),
    write(view, offset, bytes) {
      if (size === 0) return;
      const target = new Uint8Array(view.buffer, view.byteOffset + offset, size);
      const n = Math.min(bytes.length, size - 1);
      target[0] = Math.min(n, 255);
      target.set(bytes.subarray(0, n), 1);
      target.fill(0, 1 + n);
    },
    read(view, offset) {
      if (size === 0) return new Uint8Array(0);
      const n = Math.min(view.getUint8(offset), size - 1);
      return copyBytes(view, offset + 1, n);
    },
  };
}

/** A fresh, unshared copy (the memory may be a SharedArrayBuffer). */
function copyBytes(view: DataView, offset: number, length: number): Uint8Array {
  const copy = new Uint8Array(length);
  copy.set(new Uint8Array(view.buffer, view.byteOffset + offset, length));
  return copy;
}
