/**
 * saveNpy's items of a 1-D strided run (core's word loops: 8-byte items in
 * one 64-bit integer word each, 16-byte ones in two, 4-byte ones in 32-bit
 * words, unaligned ones byte by byte) are the bytes an item-by-item walk
 * gives, NaN payloads and signalling NaNs included, also once the engine
 * has optimized the loops; and memory that is gone between the request and
 * the copy is core's BufferError, not a bare JavaScript error or zeros.
 */
import { BufferError, getBufferSymbol, type BufferRecord } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { saveNpy } from "../../src/index.ts";

/** Words that a float copy could canonicalize: signalling NaNs, NaNs with payloads, both signs. */
const NAN_WORDS = [0x7ff0000000000001n, 0x7ff8dead0000beefn, 0xfff0000000000abcn, 0x7ff4000000000000n, 0xfff8000000000000n];

/** An exporter of `memory` with a 1-D geometry (validated by getBuffer like any exporter's). */
function run(memory: ArrayBufferLike, format: string, itemsize: number, buf: number, count: number, stride: number): object {
  const exporter = {
    [getBufferSymbol]: (): BufferRecord => ({
      obj: exporter, memory: memory as ArrayBuffer, buf, len: count * itemsize, itemsize, readonly: true, format, ndim: 1, shape: [count], strides: [stride], suboffsets: null, internal: null,
    }),
  };
  return exporter;
}

/**
 * A 1-D run over random words: 8-byte items mostly (aligned or not, any
 * stride, zero and negative included), sometimes 4- or 16-byte ones.
 */
const runs = fc
  .record({
    item: fc.constantFrom<[string, number]>(["<d", 8], ["<q", 8], ["<Q", 8], ["<Zf", 8], ["<f", 4], ["<Zd", 16]),
    count: fc.integer({ min: 0, max: 70 }),
    step: fc.integer({ min: -5, max: 5 }),
    skew: fc.constantFrom(0, 0, 0, 4, 1),
    tail: fc.integer({ min: 0, max: 7 }),
    seed: fc.nat(),
  })
  .map(({ item: [format, itemsize], count, step, skew, tail, seed }) => {
    const stride = step * itemsize + (step === 0 ? 0 : skew);
    const span = count === 0 ? 0 : Math.abs(stride) * (count - 1) + itemsize;
    // Any length: the last word of the block may be partial.
    const memory = new ArrayBuffer(span + 16 + tail);
    const words = new BigUint64Array(Math.ceil(memory.byteLength / 8));
    for (let i = 0, x = seed | 1; i < words.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      words[i] = x % 3 === 0 ? NAN_WORDS[x % NAN_WORDS.length]! : (BigInt(x) << 32n) | BigInt(Math.imul(x, 69069) >>> 0);
    }
    new Uint8Array(memory).set(new Uint8Array(words.buffer, 0, memory.byteLength));
    const start = 8 + (skew === 1 ? 1 : 0);
    const buf = stride < 0 ? start + span - itemsize : start;
    return { format, itemsize, count, stride, buf, memory, exporter: run(memory, format, itemsize, buf, count, stride) };
  });

/** The items at `buf + i * stride` of `memory`, byte by byte: what NumPy writes after the header. */
function walk(memory: ArrayBufferLike, buf: number, stride: number, count: number, itemsize: number): Uint8Array {
  const bytes = new Uint8Array(memory);
  const out = new Uint8Array(count * itemsize);
  for (let i = 0; i < count; i++) out.set(bytes.subarray(buf + i * stride, buf + i * stride + itemsize), i * itemsize);
  return out;
}

/** The data part of a `.npy` file of `len` data bytes. */
const itemsOf = (file: Uint8Array, len: number): Uint8Array => file.subarray(file.length - len);

describe("saveNpy of a 1-D strided run", () => {
  it("writes exactly the items of the walk, at any stride, sign and alignment", () => {
    fc.assert(
      fc.property(runs, ({ itemsize, count, stride, buf, memory, exporter }) => {
        expect(itemsOf(saveNpy(exporter), count * itemsize)).toEqual(walk(memory, buf, stride, count, itemsize));
      }),
      { numRuns: 500 },
    );
  });

  it("stays bit-exact once the engine has optimized the loops (many calls over NaN payloads, several word sizes)", () => {
    const memory = new ArrayBuffer(8 * 203);
    new BigUint64Array(memory).forEach((_, i, words) => (words[i] = NAN_WORDS[i % NAN_WORDS.length]! + BigInt(i)));
    const cases = [
      ["<d", 8, 16, 67, 24],
      ["<f", 4, 8, 60, 12],
      ["<Zd", 16, 1600, 40, -32],
    ] as const;
    const expected = cases.map(([, itemsize, buf, count, stride]) => walk(memory, buf, stride, count, itemsize));
    let mismatches = 0;
    for (let call = 0; call < 2000; call++) {
      cases.forEach(([format, itemsize, buf, count, stride], k) => {
        const items = itemsOf(saveNpy(run(memory, format, itemsize, buf, count, stride)), count * itemsize);
        if (!items.every((byte, i) => byte === expected[k]![i])) mismatches++;
      });
    }
    expect(mismatches).toBe(0);
  });

  it("raises core's BufferError when the memory shrank or was detached after the request", () => {
    // A Proxy exporter that shrinks its memory when saveNpy asks for its prototype, after the buffer was handed over.
    for (const gone of [(memory: ArrayBuffer) => memory.resize(8), (memory: ArrayBuffer) => void structuredClone(memory, { transfer: [memory] })]) {
      const memory = new ArrayBuffer(8 * 64, { maxByteLength: 8 * 64 });
      const proxy: object = new Proxy(run(memory, "<d", 8, 0, 32, 16), {
        getPrototypeOf(target) {
          gone(memory);
          return Reflect.getPrototypeOf(target);
        },
      });
      let error: unknown;
      try {
        saveNpy(proxy);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BufferError);
      expect((error as { pythonType?: string }).pythonType).toBe("BufferError");
    }
  });
});
