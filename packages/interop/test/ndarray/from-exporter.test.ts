import fc from "fast-check";
import ndarray from "ndarray";
import { describe, expect, it } from "vitest";
import { BufferError, memoryview, NDArray, NDArrayFlags, slice } from "@pybuffer/core";
import { ElementExporter } from "../../src/index.ts";
import { fromExporter, toExporter } from "../../src/ndarray/index.ts";
import { misalignedDoubles, pilArray } from "../helpers/awkward-exporters.ts";
import { nestedValues } from "../helpers/c-order.ts";
import { collectUntil } from "../helpers/gc.ts";
import { scijsCase } from "../helpers/scijs-views.ts";

describe("scijs ndarray fromExporter", () => {
  it("round-trips every view without copying: same memory block, same values, writes seen both ways", () => {
    fc.assert(
      fc.property(scijsCase, ({ dtype, view }) => {
        const back = fromExporter(toExporter(view));
        expect(back.data.buffer).toBe(view.data.buffer);
        expect(back.shape).toEqual(view.shape);
        expect(back.stride).toEqual(view.stride);
        expect(back.dtype).toBe(dtype.name === "uint8_clamped" ? "uint8" : dtype.name);
        expect(nestedValues(back.shape, (i) => back.get(...i))).toEqual(nestedValues(view.shape, (i) => view.get(...i)));
        if (view.size > 0) {
          const last = view.shape.map((n) => n - 1);
          const value = dtype.format === "q" || dtype.format === "Q" ? 42n : 42;
          back.set(...last, value as never);
          expect(view.get(...last)).toBe(value);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("reads exactly the bytes the buffer reaches: the data starts at the lowest item and ends at the highest", () => {
    const base = ndarray(new Int16Array(20), [4, 5]);
    const back = fromExporter(toExporter(base.hi(3, 4).lo(1, 1).step(-1, 2)));
    expect(back.data.length).toBe(1 + 1 * 5 + 2 * 1);
    expect(back.data.byteOffset).toBe((1 * 5 + 1) * 2);
  });

  it("builds over any exporter: core's NDArray, a TypedArray, a memoryview slice", () => {
    const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "Q", flags: NDArrayFlags.WRITABLE });
    const a = fromExporter(nd);
    expect([a.dtype, a.shape, a.get(1, 2)]).toEqual(["biguint64", [2, 3], 6n]);
    const floats = new Float32Array([1, 2, 3, 4]);
    const b = fromExporter(memoryview(floats).get(slice(null, null, -2)));
    expect([b.dtype, b.shape, b.get(0), b.get(1)]).toEqual(["float32", [2], 4, 2]);
  });

  it("copies only when allowed: misaligned items, PIL-style memory and read-only memory", () => {
    const cases = [
      { exporter: misalignedDoubles([1.5, 2.5]), reason: /first item is at byte 1/, values: [1.5, 2.5] },
      { exporter: pilArray(2, 3), reason: /PIL-style/, values: [[0, 10, 20], [30, 40, 50]] },
      { exporter: memoryview(new Int8Array([1, -2])).toReadonly(), reason: /read-only/, values: [1, -2] },
      {
        exporter: new Int16Array(new ArrayBuffer(4, { maxByteLength: 8 }), 0, 2).fill(9),
        reason: /resizable ArrayBuffer that nothing stops from shrinking/,
        values: [9, 9],
      },
    ];
    for (const { exporter, reason, values } of cases) {
      expect(() => fromExporter(exporter)).toThrow(BufferError);
      expect(() => fromExporter(exporter)).toThrow(reason);
      expect(() => fromExporter(exporter)).toThrow(/pass \{ copy: "if-needed" \}/);
      const copy = fromExporter(exporter, { copy: "if-needed" });
      expect(nestedValues(copy.shape, (i) => copy.get(...i))).toEqual(values);
    }
  });

  it("refuses formats scijs cannot hold, whatever the copy policy", () => {
    const bools = new NDArray([true, false], { shape: [2], format: "?" });
    expect(() => fromExporter(bools, { copy: "if-needed" })).toThrow(/cannot hold format '\?'/);
    const complex = new ElementExporter(null, {
      memory: new ArrayBuffer(16), byteOffset: 0, length: 1, format: "D", itemsize: 16, shape: [1], strides: [1], offset: 0, readonly: false,
    }, "complex-test");
    expect(() => fromExporter(complex, { copy: "if-needed" })).toThrow(/cannot hold format 'D' \(complex128\)/);
    const records = new NDArray([[1, 2]], { shape: [1], format: "hi" });
    expect(() => fromExporter(records)).toThrow(/is not one native number/);
    const bigEndian = new NDArray([1], { shape: [1], format: ">d" });
    expect(() => fromExporter(bigEndian)).toThrow(/is not one native number/);
    expect(() => fromExporter(new Uint8Array(4), { copy: "always" as never })).toThrow(
      expect.objectContaining({ pythonType: "ValueError" }),
    );
    expect(() => fromExporter({})).toThrow(expect.objectContaining({ pythonType: "TypeError" }));
  });

  it("maps native-order spellings ('<i', '=i', '@l') to their TypedArray", () => {
    for (const [format, dtype] of [["<i", "int32"], ["=H", "uint16"], ["@l", "bigint64"], ["N", "biguint64"]] as const) {
      const exporter = new NDArray([7], { shape: [1], format, flags: NDArrayFlags.WRITABLE });
      const a = fromExporter(exporter);
      expect([a.dtype, a.get(0)]).toEqual([dtype, dtype.startsWith("big") ? 7n : 7]);
    }
  });

  it("holds the export while the array's data lives, and releases it once collected", async () => {
    const exporter = new NDArray([1, 2, 3], { shape: [3], format: "i", flags: NDArrayFlags.WRITABLE });
    let array: ReturnType<typeof fromExporter> | null = fromExporter(exporter);
    expect(array.get(2)).toBe(3);
    expect(() => exporter.push([4], { shape: [1], format: "i" })).toThrow(/cannot change structure: 1 exported buffer/);
    array = null;
    const released = await collectUntil(() => {
      try {
        exporter.push([4], { shape: [1], format: "i" });
        return true;
      } catch {
        return false;
      }
    });
    expect(released).toBe(true);
  });
});

describe("ElementExporter (the root entry) checks the layout it is given", () => {
  it("refuses memory that is not a block, bad sizes, and data past the memory's end", () => {
    const layout = { memory: new ArrayBuffer(8), byteOffset: 0, length: 2, format: "i", itemsize: 4, shape: [2], strides: [1], offset: 0, readonly: false };
    expect(() => new ElementExporter(null, { ...layout, memory: new Uint8Array(8) as never }, "t")).toThrow(/ArrayBuffer or SharedArrayBuffer/);
    expect(() => new ElementExporter(null, { ...layout, itemsize: 0 }, "t")).toThrow(/itemsize at least 1/);
    expect(() => new ElementExporter(null, { ...layout, byteOffset: 4 }, "t")).toThrow(/reaches past the memory's 8 bytes/);
    expect(memoryview(new ElementExporter(null, layout, "t")).toList()).toEqual([0, 0]);
  });

  it("builds an empty array over an empty buffer whatever its start", () => {
    const empty = memoryview(new Float64Array(4)).get(slice(3, 3));
    const a = fromExporter(empty);
    expect([a.shape, a.data.length]).toEqual([[0], 0]);
  });
});
