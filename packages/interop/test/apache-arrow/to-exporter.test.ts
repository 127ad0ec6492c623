import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bool, Dictionary, Float64, Int32, makeVector, TimestampMillisecond, Utf8, vectorFromArray, Vector, makeData, FixedSizeList, Field, Int16 } from "apache-arrow";
import { BufferError, memoryview } from "@pybuffer/core";
import { toExporter } from "../../src/apache-arrow/index.ts";
import { arrowCase } from "../helpers/arrow-columns.ts";

/** The bytes of the column's rows, read through Arrow's own leaf values buffer (already sliced by Arrow). */
function leafBytes(vector: Vector, kind: string, width: number, itemsize: number): Uint8Array {
  const data = vector.data[0]!;
  const leaf = kind === "list" ? data.children[0]! : data;
  const values = leaf.values as ArrayBufferView;
  const count = kind === "list" ? vector.length * width * itemsize : vector.length * itemsize;
  return new Uint8Array(values.buffer, values.byteOffset, count).slice();
}

describe("apache-arrow toExporter", () => {
  it("matches Arrow's own get() and the rows' bytes, for random types, lengths, slices, FixedSizeList and FixedSizeBinary", () => {
    fc.assert(
      fc.property(arrowCase, ({ vector, kind, width, format, itemsize }) => {
        const m = memoryview(toExporter(vector));
        expect([m.format, m.itemsize]).toEqual([format, itemsize]);
        expect(m.shape).toEqual(kind === "list" ? [vector.length, width] : [vector.length]);
        expect(m.toBytes()).toEqual(leafBytes(vector, kind, width, itemsize));
        if (kind !== "binary") {
          const rows = [...Array(vector.length).keys()].map((i) => {
            const row = vector.get(i);
            // Iterating a row uses Arrow's get(), which decodes Float16 (toArray() would give its raw bits).
            return kind === "list" ? [...(row as Iterable<unknown>)] : row;
          });
          expect(m.toList()).toEqual(rows);
        } else {
          for (let i = 0; i < vector.length; i++) expect(m.toBytes().subarray(i * width, (i + 1) * width)).toEqual(vector.get(i));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("takes the length from the data, never from the builder's over-allocated values", () => {
    const column = vectorFromArray([1, 2, 3], new Float64());
    expect((column.data[0]!.values as Float64Array).length).toBeGreaterThan(3);
    expect(memoryview(toExporter(column)).toList()).toEqual([1, 2, 3]);
  });

  it("exports a Data chunk as it is, and shares its memory", () => {
    const data = makeVector(new Int32Array([1, 2, 3])).data[0]!;
    const m = memoryview(toExporter(data));
    m.set(1, 20);
    expect(data.values[1]).toBe(20);
  });

  it("refuses nulls by default, and exports the value slots with nulls: 'values'", () => {
    const column = vectorFromArray([1, null, 3], new Float64());
    expect(() => toExporter(column)).toThrow(/1 null, and a buffer has no validity bitmap/);
    expect(memoryview(toExporter(column, { nulls: "values" })).toList()).toEqual([1, (column.data[0]!.values as Float64Array)[1], 3]);
    const listWithNullChild = makeData({
      type: new FixedSizeList(1, new Field("item", new Float64(), true)),
      length: 3,
      child: column.data[0]!,
    });
    expect(() => toExporter(listWithNullChild)).toThrow(BufferError);
    expect(() => toExporter(column, { nulls: "fill" as never })).toThrow(expect.objectContaining({ pythonType: "ValueError" }));
  });

  it("refuses Bool, Utf8, Dictionary, Timestamp and several chunks, each saying what to do instead", () => {
    const cases: [Vector, RegExp][] = [
      [vectorFromArray([true, false], new Bool()), /bit-packed.*Uint8Array\.from/],
      [vectorFromArray(["a", "b"], new Utf8()), /variable-width.*FixedSizeBinary/],
      [vectorFromArray(["a", "b", "a"], new Dictionary(new Utf8(), new Int32())), /Dictionary.*indices/],
      [vectorFromArray([1, 2], new TimestampMillisecond()), /Timestamp<MILLISECOND>.*unit/],
      [makeVector(new Int16Array(2)).concat(makeVector(new Int16Array(1))), /2 chunks.*vector\.data\[i\]/],
    ];
    for (const [vector, message] of cases) {
      expect(() => toExporter(vector)).toThrow(BufferError);
      expect(() => toExporter(vector)).toThrow(message);
    }
    expect(() => toExporter(makeData({ type: new Int16(), length: 4, data: new Int16Array(2) }))).toThrow(/shorter than its length/);
  });
});
