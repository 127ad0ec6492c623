/**
 * The strided copy moves items in the widest word that divides every
 * offset, stride and the item size (8, 4, 2 or 1 bytes). Whatever the word,
 * the bytes must be those a byte-by-byte walk gives (`PyBuffer_ToContiguous`
 * and `PyBuffer_FromContiguous` in Objects/abstract.c copy with memcpy),
 * NaN payloads included. The 1-D views here also take `toContiguous`'s
 * one-row shortcut, which must give what the strided walk gives; the 2-D
 * ones take the row walk in C and Fortran order (and the transposing one).
 * Each word size has its own loop, with a gather into consecutive words
 * unrolled: the same bytes once the engine has optimized all of them in one
 * process.
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

/** A 2-D exporter of [rows, cols] items of `itemsize` bytes at byte `start` of `bytes`, with any strides. */
function strided2(bytes: Uint8Array, start: number, strides: [number, number], shape: [number, number], itemsize: number): object {
  const exporter = {
    [getBufferSymbol]: (): BufferRecord => ({
      obj: exporter, memory: bytes.buffer, buf: start, len: shape[0] * shape[1] * itemsize, itemsize, readonly: true, format: `${itemsize}s`,
      ndim: 2, shape, strides, suboffsets: null, internal: null,
    }),
  };
  return exporter;
}

/** The items of a 2-D layout in C order (last index fastest) or F order (first index fastest), byte by byte. */
function walk2(bytes: Uint8Array, start: number, [s0, s1]: [number, number], [rows, cols]: [number, number], itemsize: number, order: "C" | "F"): number[] {
  const out: number[] = [];
  const item = (i: number, j: number) => out.push(...bytes.subarray(start + i * s0 + j * s1, start + i * s0 + j * s1 + itemsize));
  if (order === "C") for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) item(i, j);
  else for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) item(i, j);
  return out;
}

const layouts2 = fc
  .record({
    itemsize: fc.constantFrom(1, 2, 3, 4, 6, 8, 12, 16),
    shape: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 40 })),
    steps: fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0)),
    gaps: fc.tuple(fc.nat(2), fc.nat(1)),
    shift: fc.nat(9),
    targetShift: fc.nat(9),
    order: fc.constantFrom<"C" | "F">("C", "F"),
    seed: fc.nat(),
  })
  .map((layout) => {
    const { itemsize, shape, steps, gaps, shift } = layout;
    // Columns `step * itemsize` apart, sometimes a whole word more; rows a multiple of a row's span, or 0.
    const s1 = steps[1] * itemsize + Math.sign(steps[1]) * gaps[1] * 8;
    const s0 = steps[0] * (Math.abs(s1) * shape[1] + gaps[0] * 8);
    const strides: [number, number] = [s0, s1];
    const reach = strides.map((stride, d) => Math.abs(stride) * (shape[d]! - 1));
    const start = shift + (s0 < 0 ? reach[0]! : 0) + (s1 < 0 ? reach[1]! : 0);
    return { ...layout, strides, start, bytes: nanBytes(shift + reach[0]! + reach[1]! + itemsize + 8, layout.seed) };
  });

describe("2-D strided copies, in C and Fortran order", () => {
  it("toContiguous gives the bytes of the index walk for any strides, signs and alignment", () => {
    fc.assert(
      fc.property(layouts2, ({ bytes, start, strides, shape, itemsize, order, targetShift }) => {
        const record = getBuffer(strided2(bytes, start, strides, shape, itemsize), BufferFlags.FULL_RO);
        const target = new Uint8Array(targetShift + shape[0] * shape[1] * itemsize).subarray(targetShift);
        toContiguous(record, order, target);
        expect([...target]).toEqual(walk2(bytes, start, strides, shape, itemsize, order));
      }),
      { numRuns: 400 },
    );
  });
});

describe("each word size's loop, once every loop is optimized in one process", () => {
  it("gathers and scatters 2-, 4- and 8-byte words bit for bit, interleaved over thousands of calls", () => {
    // Words holding signalling NaNs and NaN payloads in every lane.
    const source = new BigUint64Array(2 * 203 + 8).map((_, i) => [0x7ff0000000000001n, 0xfff8dead0000beefn, 0x7ff4000000000000n][i % 3]! + BigInt(i) * 0x10001n);
    const bytes = new Uint8Array(source.buffer);
    const before = [...source];
    const cases = [2, 4, 8, 16].map((itemsize) => {
      const count = Math.floor((bytes.length - 8) / (2 * itemsize)) - 1;
      const stride = itemsize === 16 ? -32 : 2 * itemsize; // items of two 8-byte words walked backwards too
      const start = stride < 0 ? 8 + (count - 1) * -stride : 8;
      const record = getBuffer(strided(bytes, start, stride, count, itemsize, false), BufferFlags.FULL);
      return { record, expected: walk(bytes, start, stride, count, itemsize), target: new Uint8Array(count * itemsize) };
    });
    let mismatches = 0;
    for (let call = 0; call < 3000; call++) {
      for (const { record, expected, target } of cases) {
        target.fill(0);
        toContiguous(record, "C", target);
        if (!target.every((byte, i) => byte === expected[i])) mismatches++;
        // Scatter the same items back over themselves: the memory must not change.
        fromContiguous(record, target, "C");
      }
    }
    expect(mismatches).toBe(0);
    expect([...source]).toEqual(before);
  });
});
