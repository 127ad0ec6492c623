/**
 * The strided copy moves items in the widest word that divides every
 * offset, stride and the item size (8, 4, 2 or 1 bytes). Whatever the word,
 * the bytes must be those a byte-by-byte walk gives (`PyBuffer_ToContiguous`
 * and `PyBuffer_FromContiguous` in Objects/abstract.c copy with memcpy),
 * NaN payloads included. The 1-D views here also take `toContiguous`'s
 * one-row shortcut, which must give what the strided walk gives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BufferFlags, fromContiguous, getBuffer, getBufferSymbol, toContiguous, type BufferRecord } from "../../src/index.ts";

/** Bytes that hold signalling NaNs with payloads wherever an 8-byte word starts. */
function nanBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0, x = seed | 1; i < length; i++) bytes[i] = x = (x * 1103515245 + 12345) >>> 16;
  const view = new DataView(bytes.buffer);
  for (let at = 0; at + 8 <= length; at += 16) view.setBigUint64(at, 0x7ff4000000000001n + BigInt(at), true);
  return bytes;
}

/** The items at `start + i * stride`, byte by byte. */
function walk(bytes: Uint8Array, start: number, stride: number, count: number, itemsize: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(...bytes.subarray(start + i * stride, start + i * stride + itemsize));
  return out;
}

/** A 1-D exporter of `count` items of `itemsize` bytes, `stride` apart from byte `start` of `bytes`. */
function strided(bytes: Uint8Array, start: number, stride: number, count: number, itemsize: number, readonly = true): object {
  const exporter = {
    [getBufferSymbol]: (): BufferRecord => ({
      obj: exporter, memory: bytes.buffer, buf: start, len: count * itemsize, itemsize, readonly, format: `${itemsize}s`,
      ndim: 1, shape: [count], strides: [stride], suboffsets: null, internal: null,
    }),
  };
  return exporter;
}

const layouts = fc
  .record({
    itemsize: fc.constantFrom(1, 2, 3, 4, 6, 8, 12, 16, 24),
    count: fc.integer({ min: 1, max: 80 }),
    step: fc.integer({ min: -4, max: 4 }).filter((s) => s !== 0),
    shift: fc.nat(9),
    targetShift: fc.nat(9),
    seed: fc.nat(),
  })
  .map((layout) => {
    const { itemsize, count, step, shift } = layout;
    const stride = step * itemsize + (step > 0 ? shift % 2 : -(shift % 2)) * 8; // sometimes a gap of a whole word
    const span = (count - 1) * Math.abs(stride) + itemsize;
    const start = shift + (stride < 0 ? span - itemsize : 0);
    return { ...layout, stride, start, bytes: nanBytes(shift + span + 8, layout.seed) };
  });

describe("strided copies in words of 8, 4, 2 or 1 bytes", () => {
  it("toContiguous gives the bytes of the item walk, at any alignment of source and target", () => {
    fc.assert(
      fc.property(layouts, ({ bytes, start, stride, count, itemsize, targetShift }) => {
        const record = getBuffer(strided(bytes, start, stride, count, itemsize), BufferFlags.FULL_RO);
        const target = new Uint8Array(targetShift + count * itemsize).subarray(targetShift);
        toContiguous(record, "C", target);
        expect([...target]).toEqual(walk(bytes, start, stride, count, itemsize));
      }),
      { numRuns: 400 },
    );
  });

  it("fromContiguous writes each item where the walk puts it, and nothing between", () => {
    fc.assert(
      fc.property(layouts, ({ bytes, start, stride, count, itemsize, seed }) => {
        const source = nanBytes(count * itemsize, seed + 1);
        const expected = bytes.slice();
        for (let i = 0; i < count; i++) expected.set(source.subarray(i * itemsize, (i + 1) * itemsize), start + i * stride);
        fromContiguous(getBuffer(strided(bytes, start, stride, count, itemsize, false), BufferFlags.FULL), source, "C");
        expect([...bytes]).toEqual([...expected]);
      }),
      { numRuns: 400 },
    );
  });

  it("every other float64 keeps a signalling NaN's payload", () => {
    const data = new BigUint64Array([0x7ff0000000000001n, 1n, 0xfff8dead0000beefn, 2n, 0x7ff4000000000001n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n, 12n, 13n]);
    const record = getBuffer(strided(new Uint8Array(data.buffer), 0, 16, 8, 8), BufferFlags.FULL_RO);
    expect([...new BigUint64Array(toContiguous(record, "C").slice().buffer)]).toEqual([0x7ff0000000000001n, 0xfff8dead0000beefn, 0x7ff4000000000001n, 4n, 6n, 8n, 10n, 12n]);
  });
});
