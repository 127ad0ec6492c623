/**
 * saveNpy's word gather against core's general one: for every 1-D run of
 * 8-byte items it takes, the bytes are exactly `toContiguous`'s (NaN
 * payloads and signalling NaNs included); every run it declines is left to
 * core untouched; and memory that is gone between the request and the copy
 * is core's BufferError, not a bare JavaScript error or zeros.
 */
import { BufferError, BufferFlags, getBuffer, getBufferSymbol, releaseBuffer, toContiguous, type BufferRecord } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { saveNpy } from "../../src/index.ts";
import { gatherWordsInto } from "../../src/npy/gather-words.ts";

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
    return { format, itemsize, count, stride, buf, exporter: run(memory, format, itemsize, buf, count, stride) };
  });

describe("gatherWordsInto", () => {
  it("writes exactly core's toContiguous bytes for the runs it takes, and nothing for the others", () => {
    fc.assert(
      fc.property(runs, fc.constantFrom(0, 8, 64, 4), ({ itemsize, count, stride, buf, exporter }, targetOffset) => {
        const record = getBuffer(exporter, BufferFlags.FULL_RO);
        try {
          const expected = toContiguous(record, "C");
          const target = new Uint8Array(targetOffset + record.len).fill(0xa5).subarray(targetOffset);
          const taken = gatherWordsInto(record, target);
          const eligible = itemsize === 8 && count > 0 && Math.abs(stride) !== 8 && (buf | stride | targetOffset) % 8 === 0;
          expect(taken).toBe(eligible);
          expect(target).toEqual(taken ? expected : new Uint8Array(record.len).fill(0xa5));
        } finally {
          releaseBuffer(record);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("stays bit-exact once the engine has optimized it (many calls over NaN payloads)", () => {
    const memory = new ArrayBuffer(8 * 203);
    new BigUint64Array(memory).forEach((_, i, words) => (words[i] = NAN_WORDS[i % NAN_WORDS.length]! + BigInt(i)));
    const record = getBuffer(run(memory, "<d", 8, 16, 67, 24), BufferFlags.FULL_RO);
    const expected = toContiguous(record, "C");
    const target = new Uint8Array(record.len);
    let mismatches = 0;
    for (let call = 0; call < 5000; call++) {
      target.fill(0);
      gatherWordsInto(record, target);
      if (!target.every((byte, i) => byte === expected[i])) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("declines memory that shrank or was detached after the request, and saveNpy then raises core's BufferError", () => {
    const resizable = new ArrayBuffer(8 * 64, { maxByteLength: 8 * 64 });
    const record = getBuffer(run(resizable, "<d", 8, 0, 32, 16), BufferFlags.FULL_RO);
    resizable.resize(8 * 16);
    const target = new Uint8Array(record.len);
    expect(gatherWordsInto(record, target)).toBe(false);
    expect(() => toContiguous(record, "C", target)).toThrow(BufferError);

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
