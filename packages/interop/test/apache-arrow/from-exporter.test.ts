import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BufferError, memoryview, NDArray, NDArrayFlags } from "@pybuffer/core";
import { ElementExporter } from "../../src/index.ts";
import { fromExporter, toExporter } from "../../src/apache-arrow/index.ts";
import { arrowCase } from "../helpers/arrow-columns.ts";
import { misalignedDoubles } from "../helpers/awkward-exporters.ts";

/** The memory block under a column's leaf values. */
function leafBuffer(vector: { data: readonly { children: readonly unknown[]; values: unknown }[] }): ArrayBufferLike {
  let data = vector.data[0] as { children: readonly unknown[]; values: unknown };
  while (data.children.length > 0) data = data.children[0] as typeof data;
  return (data.values as ArrayBufferView).buffer;
}

describe("apache-arrow fromExporter", () => {
  it("round-trips random columns in place: same memory block, same type, same rows", () => {
    fc.assert(
      fc.property(arrowCase, ({ vector }) => {
        const back = fromExporter(toExporter(vector));
        expect(leafBuffer(back)).toBe(leafBuffer(vector));
        expect(String(back.type).replace(/<.*>|\[.*\]$/, "")).toBe(String(vector.type).replace(/<.*>|\[.*\]$/, ""));
        expect(back.length).toBe(vector.length);
        expect(memoryview(toExporter(back)).toBytes()).toEqual(memoryview(toExporter(vector)).toBytes());
        for (let i = 0; i < vector.length; i++) {
          const [a, b] = [back.get(i), vector.get(i)];
          expect(a !== null && typeof a === "object" && Symbol.iterator in a ? [...(a as Iterable<unknown>)] : a).toEqual(
            b !== null && typeof b === "object" && Symbol.iterator in b ? [...(b as Iterable<unknown>)] : b,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it("builds FixedSizeList levels for every dimension past the first", () => {
    const nd = new NDArray(Array.from({ length: 24 }, (_, i) => i), { shape: [2, 3, 4], format: "h" });
    const column = fromExporter(nd);
    expect(String(column.type)).toBe("FixedSizeList[3]<FixedSizeList[4]<Int16>>");
    expect([...(column.get(1) as unknown as Iterable<Iterable<number>>)].map((row) => [...row])).toEqual([
      [12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23],
    ]);
  });

  it("keeps the row count of a buffer with an empty inner dimension", () => {
    const empty = new ElementExporter(null, {
      memory: new ArrayBuffer(0), byteOffset: 0, length: 0, format: "f", itemsize: 4, shape: [3, 0], strides: [0, 1], offset: 0, readonly: false,
    }, "empty");
    const column = fromExporter(empty);
    expect([String(column.type), column.length]).toEqual(["FixedSizeList[0]<Float32>", 3]);
    expect(memoryview(toExporter(column)).shape).toEqual([3, 0]);
  });

  it("accepts read-only memory as it is (Arrow columns are immutable by convention)", () => {
    const memory = new Float32Array([1, 2, 3]);
    const column = fromExporter(memoryview(memory).toReadonly());
    expect(leafBuffer(column)).toBe(memory.buffer);
    expect(column.get(2)).toBe(3);
  });

  it("copies a buffer that is not C-contiguous or is misaligned only when allowed", () => {
    const fortran = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "i", flags: NDArrayFlags.FORTRAN });
    expect(() => fromExporter(fortran)).toThrow(/not C-contiguous, and the library has no strides/);
    const copied = fromExporter(fortran, { copy: "if-needed" });
    expect([...(copied.get(0) as unknown as Iterable<number>)]).toEqual([1, 3, 5]);
    expect(() => fromExporter(misalignedDoubles([0.5]))).toThrow(BufferError);
    expect(fromExporter(misalignedDoubles([0.5]), { copy: "if-needed" }).get(0)).toBe(0.5);
  });

  it("refuses '?', complex, structs and 0-d buffers, and releases the export it took", () => {
    const bools = new NDArray([true], { shape: [1], format: "?" });
    expect(() => fromExporter(bools)).toThrow(/Bool is bit-packed/);
    const scalar = new NDArray(7, { shape: [], format: "i", flags: NDArrayFlags.WRITABLE });
    expect(() => fromExporter(scalar)).toThrow(/0-d buffer is not a column/);
    // The refused export was released: the NDArray can change its structure again.
    expect(() => scalar.push([1, 2], { shape: [2], format: "i" })).not.toThrow();
    expect(() => fromExporter(new NDArray([[1, 2]], { shape: [1], format: "bh" }))).toThrow(/not one native number/);
  });
});
