/**
 * IEEE 754 binary16 conversions, as CPython's `PyFloat_Pack2` and
 * `PyFloat_Unpack2` do them: round half to even, overflow to an error rather
 * than to infinity. Written out instead of using `Float16Array`, which Node 20
 * and 22 lack, so every runtime gives the same bits.
 *
 * @module
 */

const scratch = new DataView(new ArrayBuffer(8));

/**
 * Encodes `value` as binary16 bits, or returns `null` when it is finite but
 * too large (CPython: "float too large to pack with e format").
 */
export function encodeHalf(value: number): number | null {
  // Work on the double's bits: the sign (kept for NaN too), then 11-bit exponent and 52-bit mantissa.
  scratch.setFloat64(0, value);
  const sign = scratch.getUint32(0) & 0x80000000 ? 0x8000 : 0;
  // PyFloat_Pack2: a NaN keeps its sign and the top 10 bits of its payload (quiet bit included).
  if (Number.isNaN(value)) return sign | 0x7c00 | ((scratch.getUint32(0) >>> 10) & 0x3ff);
  const magnitude = Math.abs(value);
  if (magnitude === Infinity) return sign | 0x7c00;
  if (magnitude === 0) return sign;

  scratch.setFloat64(0, magnitude);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const exponent = (hi >>> 20) - 1023;
  // The full significand with its implicit bit, as a bigint (53 bits).
  const significand = (BigInt((hi & 0xfffff) | (exponent === -1023 ? 0 : 0x100000)) << 32n) | BigInt(lo);

  // binary16: exponent bias 15, 10 fraction bits; subnormals below 2**-14.
  let shift: bigint; // how many low bits of the 53-bit significand are dropped
  let biased: number;
  if (exponent >= -14) {
    shift = 42n;
    biased = exponent + 15;
  } else {
    shift = BigInt(42 + (-14 - exponent));
    biased = 0;
  }
  if (shift > 60n) return sign; // far below the smallest subnormal: rounds to zero
  let fraction = significand >> shift;
  const remainder = significand & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  if (remainder > half || (remainder === half && (fraction & 1n) === 1n)) fraction += 1n;

  let bits: number;
  if (biased === 0) {
    // Subnormal result; rounding up into 0x400 lands exactly on the smallest normal.
    bits = Number(fraction);
  } else {
    // fraction includes the implicit bit (0x400..0x7ff), possibly carried to 0x800.
    if (fraction === 0x800n) {
      fraction = 0x400n;
      biased += 1;
    }
    if (biased >= 31) return null;
    bits = (biased << 10) | (Number(fraction) & 0x3ff);
  }
  return sign | bits;
}

/** Decodes binary16 bits to a number, exactly. */
export function decodeHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : nanWithBits(bits);
  if (exponent === 0) return sign * fraction * 2 ** -24;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

/**
 * PyFloat_Unpack2's NaN: the double with the half's sign and its 10 payload
 * bits at the top of the mantissa, so packing it again as `e`, `f` or `d`
 * gives what CPython gives (where the engine keeps NaN bits at all).
 */
function nanWithBits(bits: number): number {
  scratch.setUint32(0, (bits & 0x8000 ? 0xfff00000 : 0x7ff00000) | ((bits & 0x3ff) << 10));
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}
