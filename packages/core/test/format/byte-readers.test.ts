/**
 * Each byte reader (src/format/byte-readers.ts) returns, bit for bit, what
 * the DataView call of the general path returns for the same bytes: NaN
 * payloads, signalling bits and signs, -0, and the 64-bit integer limits.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bigIntegerReader, boolReader, floatReader, int64FromWords, smallIntegerReader, uint64FromWords } from "../../src/format/byte-readers.ts";
import { decodeHalf } from "../../src/format/half-float.ts";

const bits = new DataView(new ArrayBuffer(8));

/** A number as its double's bits, so NaN payloads and -0 count. */
function exact(value: number | bigint | boolean): string {
  if (typeof value !== "number") return `${typeof value}:${value}`;
  bits.setFloat64(0, value);
  return `number:${bits.getBigUint64(0).toString(16)}`;
}

/** Eight bytes, random or built around NaNs, infinities, zeros and integer limits. */
const eightBytesArb = fc.oneof(
  fc.uint8Array({ minLength: 8, maxLength: 8 }),
  fc
    .tuple(fc.constantFrom(0x7f, 0xff, 0x80, 0x00), fc.constantFrom(0xf0, 0xf8, 0xff, 0x80, 0x7f, 0xc0, 0x00), fc.uint8Array({ minLength: 6, maxLength: 6 }))
    .chain(([a, b, rest]) =>
      fc.constantFrom(Uint8Array.of(a, b, ...rest), Uint8Array.of(...rest, b, a), Uint8Array.of(a, b, 0, 0, 0, 0, 0, 1), Uint8Array.of(1, 0, 0, 0, 0, 0, b, a)),
    ),
);

describe("byte readers", () => {
  it("read every integer and float size in both byte orders as DataView does, at any offset", () => {
    fc.assert(
      fc.property(eightBytesArb, fc.nat(3), (eight, skip) => {
        const bytes = new Uint8Array(skip + 8);
        bytes.set(eight, skip);
        const view = new DataView(bytes.buffer);
        for (const le of [true, false]) {
          expect(exact(smallIntegerReader(1, true, le)(bytes, skip))).toBe(exact(view.getInt8(skip)));
          expect(exact(smallIntegerReader(1, false, le)(bytes, skip))).toBe(exact(view.getUint8(skip)));
          expect(exact(smallIntegerReader(2, true, le)(bytes, skip))).toBe(exact(view.getInt16(skip, le)));
          expect(exact(smallIntegerReader(2, false, le)(bytes, skip))).toBe(exact(view.getUint16(skip, le)));
          expect(exact(smallIntegerReader(4, true, le)(bytes, skip))).toBe(exact(view.getInt32(skip, le)));
          expect(exact(smallIntegerReader(4, false, le)(bytes, skip))).toBe(exact(view.getUint32(skip, le)));
          expect(exact(bigIntegerReader(true, le)(bytes, skip))).toBe(exact(view.getBigInt64(skip, le)));
          expect(exact(bigIntegerReader(false, le)(bytes, skip))).toBe(exact(view.getBigUint64(skip, le)));
          expect(exact(floatReader(2, le)(bytes, skip))).toBe(exact(decodeHalf(view.getUint16(skip, le))));
          expect(exact(floatReader(4, le)(bytes, skip))).toBe(exact(view.getFloat32(skip, le)));
          expect(exact(floatReader(8, le)(bytes, skip))).toBe(exact(view.getFloat64(skip, le)));
        }
        expect(boolReader(bytes, skip)).toBe(view.getUint8(skip) !== 0);
      }),
      { numRuns: 2000 },
    );
  });

  it("build 64-bit integers from their 32-bit halves at the limits", () => {
    expect(int64FromWords(0, 0x80000000 | 0)).toBe(-(2n ** 63n));
    expect(int64FromWords(-1, 0x7fffffff)).toBe(2n ** 63n - 1n);
    expect(int64FromWords(0, 0x200000)).toBe(2n ** 53n);
    expect(int64FromWords(-1, -1)).toBe(-1n);
    expect(uint64FromWords(-1, -1)).toBe(2n ** 64n - 1n);
    expect(uint64FromWords(1, 0x80000000 | 0)).toBe(2n ** 63n + 1n);
  });
});
