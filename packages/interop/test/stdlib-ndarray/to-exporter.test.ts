import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BufferError, BufferFlags, getBuffer, iterUnpack, memoryview } from "@pybuffer/core";
import { fromExporter, toExporter } from "../../src/stdlib-ndarray/index.ts";
import { cOrderBytes, nestedValues } from "../helpers/c-order.ts";
import { stdlibArray } from "../helpers/stdlib.ts";
import { geometry } from "../helpers/strided-geometry.ts";

const REAL_DTYPES = [
  ["int8", "b", 1], ["uint8", "B", 1], ["uint8c", "B", 1], ["int16", "h", 2], ["uint16", "H", 2],
  ["int32", "i", 4], ["uint32", "I", 4], ["float32", "f", 4], ["float64", "d", 8], ["bool", "?", 1],
] as const;
const COMPLEX_DTYPES = [["complex64", "F", 8, "<ff"], ["complex128", "D", 16, "<dd"]] as const;

/** Random bytes for `items` elements, with bools kept to 0 and 1 as BooleanArray stores them. */
function fill(bytes: Uint8Array, seed: Uint8Array, bool: boolean): void {
  for (let i = 0; i < bytes.length; i++) bytes[i] = bool ? (seed[i % seed.length]! ^ i) & 1 : seed[i % seed.length]! ^ (i * 29);
}

const seed = fc.uint8Array({ minLength: 1, maxLength: 32 });

describe("@stdlib/ndarray toExporter", () => {
  it("matches stdlib's own get() and a C-order copy, for random real dtypes and strided views", () => {
    fc.assert(
      fc.property(fc.constantFrom(...REAL_DTYPES), geometry(), seed, ([dtype, format, itemsize], g, s) => {
        const memory = new ArrayBuffer(g.length * itemsize);
        fill(new Uint8Array(memory), s, dtype === "bool");
        const x = stdlibArray(dtype, memory, g);
        const m = memoryview(toExporter(x));
        expect([m.format, m.shape, m.strides]).toEqual([format, g.shape, g.strides.map((st) => st * itemsize)]);
        expect(m.toList()).toEqual(nestedValues(g.shape, (i) => x.get(...i)));
        const position = (i: number[]) => g.offset + i.reduce((p, v, d) => p + v * g.strides[d]!, 0);
        expect(m.toBytes()).toEqual(cOrderBytes(g.shape, { buffer: memory, byteOffset: 0 }, itemsize, position));
      }),
      { numRuns: 250 },
    );
  });

  it("exports complex64/complex128 as 'F'/'D': bytes and iterUnpack work, item access is NotImplementedError as in CPython", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMPLEX_DTYPES), geometry(3), seed, ([dtype, format, itemsize, pair], g, s) => {
        const memory = new ArrayBuffer(g.length * itemsize);
        fill(new Uint8Array(memory), s, false);
        const x = stdlibArray(dtype, memory, g);
        const m = memoryview(toExporter(x));
        expect([m.format, m.itemsize]).toEqual([format, itemsize]);
        const expected = nestedValues(g.shape, (i) => {
          const z = x.get(...i) as { re: number; im: number };
          return [z.re, z.im];
        });
        const flat = [...iterUnpack(pair, m.toBytes())];
        expect(flat).toEqual(g.shape.length === 0 ? [expected] : (expected as unknown[]).flat(Math.max(0, g.shape.length - 1)));
        if (g.shape.length === 0) {
          expect(() => m.get([])).toThrow(expect.objectContaining({ pythonType: "NotImplementedError", message: `memoryview: format ${format} not supported` }));
        }
        expect(() => m.toList()).toThrow(expect.objectContaining({ pythonType: "NotImplementedError" }));
      }),
      { numRuns: 100 },
    );
  });

  it("exports a read-only array read-only and refuses WRITABLE", () => {
    const x = stdlibArray("float64", new Float64Array([1, 2]).buffer, { length: 2, shape: [2], strides: [1], offset: 0, readonly: true });
    const exporter = toExporter(x);
    expect(memoryview(exporter).readonly).toBe(true);
    expect(() => getBuffer(exporter, BufferFlags.WRITABLE)).toThrow(BufferError);
    expect(() => memoryview(exporter).set(0, 5)).toThrow(expect.objectContaining({ pythonType: "TypeError", message: "cannot modify read-only memory" }));
    expect(x.get(0)).toBe(1);
  });

  it("shares memory with a writable array", () => {
    const x = stdlibArray("int16", new ArrayBuffer(12), { length: 6, shape: [2, 3], strides: [-3, 1], offset: 3 });
    const m = memoryview(toExporter(x));
    m.set([0, 2], -7);
    expect(x.get(0, 2)).toBe(-7);
  });

  it("refuses generic data, and bool or complex data that does not lie inside its ArrayBuffer", () => {
    const generic = { dtype: "generic", data: [1, 2], shape: [2], strides: [1], offset: 0, order: "row-major", flags: { READONLY: false } };
    expect(() => toExporter(generic as never)).toThrow(/dtype "generic" has no memory block/);
    const lying = { ...generic, dtype: "complex128", data: { buffer: new ArrayBuffer(16), byteOffset: 8, length: 1 } };
    expect(() => toExporter(lying as never)).toThrow(/does not describe memory inside its ArrayBuffer/);
  });

  it("round-trips bool and complex arrays in place", () => {
    const memory = new Float32Array([1, 2, 3, 4, 5, 6]).buffer;
    const x = stdlibArray("complex64", memory, { length: 3, shape: [3], strides: [-1], offset: 2 });
    const back = fromExporter(toExporter(x));
    expect([back.dtype, back.strides]).toEqual(["complex64", [-1]]);
    expect((back.data as { buffer: ArrayBuffer }).buffer).toBe(memory);
    expect(back.get(0)).toEqual(x.get(0));
    const flags = stdlibArray("bool", new Uint8Array([1, 0, 1]).buffer, { length: 3, shape: [3], strides: [1], offset: 0, readonly: true });
    const backFlags = fromExporter(toExporter(flags));
    expect([backFlags.dtype, backFlags.flags.READONLY, backFlags.get(2)]).toEqual(["bool", true, true]);
  });
});
