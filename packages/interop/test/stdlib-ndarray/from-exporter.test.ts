import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BufferError, memoryview, NDArray, NDArrayFlags } from "@pybuffer/core";
import { fromExporter, toExporter } from "../../src/stdlib-ndarray/index.ts";
import { misalignedDoubles, pilArray } from "../helpers/awkward-exporters.ts";
import { nestedValues } from "../helpers/c-order.ts";
import { stdlibArray } from "../helpers/stdlib.ts";
import { geometry } from "../helpers/strided-geometry.ts";

const DTYPES = [["int8", 1], ["uint8", 1], ["int16", 2], ["uint16", 2], ["int32", 4], ["uint32", 4], ["float32", 4], ["float64", 8], ["bool", 1]] as const;

describe("@stdlib/ndarray fromExporter", () => {
  it("round-trips random strided arrays in place: same memory block, strides, offset and values", () => {
    fc.assert(
      fc.property(fc.constantFrom(...DTYPES), geometry(), fc.boolean(), ([dtype, itemsize], g, readonly) => {
        const memory = new ArrayBuffer(g.length * itemsize);
        new Uint8Array(memory).forEach((_, i, bytes) => (bytes[i] = dtype === "bool" ? i & 1 : (i * 53) & 255));
        const x = stdlibArray(dtype, memory, { ...g, readonly });
        const back = fromExporter(toExporter(x));
        expect((back.data as { buffer: ArrayBuffer }).buffer).toBe(memory);
        expect([back.dtype, back.shape, back.flags.READONLY]).toEqual([dtype, g.shape, readonly]);
        if (g.shape.length > 0) expect(back.strides).toEqual(g.strides);
        expect(nestedValues(back.shape, (i) => back.get(...i))).toEqual(nestedValues(g.shape, (i) => x.get(...i)));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps read-only memory read-only: stdlib refuses the write", () => {
    const x = fromExporter(memoryview(new Float64Array([1, 2])).toReadonly());
    expect(x.flags.READONLY).toBe(true);
    expect(() => x.set(0, 5)).toThrow(/read-only/);
  });

  it("records the order stdlib expects: column-major for a Fortran-contiguous buffer", () => {
    const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "d", flags: NDArrayFlags.FORTRAN });
    const x = fromExporter(nd);
    expect([x.order, x.strides, x.get(1, 0)]).toEqual(["column-major", [1, 2], 2]);
  });

  it("copies misaligned or PIL-style memory only when allowed", () => {
    expect(() => fromExporter(misalignedDoubles([1, 2]))).toThrow(/first item is at byte 1/);
    expect(fromExporter(misalignedDoubles([1, 2]), { copy: "if-needed" }).get(1)).toBe(2);
    expect(() => fromExporter(pilArray(2, 2))).toThrow(/PIL-style/);
    expect(fromExporter(pilArray(2, 2), { copy: "if-needed" }).get(1, 1)).toBe(30);
  });

  it("refuses formats stdlib has no data type for", () => {
    for (const format of ["q", "Q", "e"]) {
      const nd = new NDArray([1], { shape: [1], format });
      expect(() => fromExporter(nd, { copy: "if-needed" })).toThrow(BufferError);
      expect(() => fromExporter(nd)).toThrow(new RegExp(`no data type for format '${format}'`));
    }
  });
});
