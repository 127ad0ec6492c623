/** The README's examples, run as written. */
import { makeVector } from "apache-arrow";
import ndarray from "ndarray";
import { expect, it } from "vitest";
import { memoryview, NDArray, NDArrayFlags } from "@pybuffer/core";
import * as arrow from "../src/apache-arrow/index.ts";
import * as scijs from "../src/ndarray/index.ts";
import * as stdlib from "../src/stdlib-ndarray/index.ts";
import { stdlibArray } from "./helpers/stdlib.ts";

it("scijs: both calls", () => {
  const a = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
  const m = memoryview(scijs.toExporter(a.step(-1).transpose(1, 0)));
  expect([m.format, m.shape, m.strides]).toEqual(["d", [3, 2], [8, -24]]);
  expect(m.toList()).toEqual([[4, 1], [5, 2], [6, 3]]);
  const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "i", flags: NDArrayFlags.WRITABLE });
  expect(scijs.fromExporter(nd).get(1, 2)).toBe(6);
});

it("stdlib: both calls", () => {
  const x = stdlibArray("float64", new Float64Array([1, 2, 3, 4, 5, 6]).buffer, { length: 6, shape: [2, 3], strides: [3, 1], offset: 0 });
  expect(memoryview(stdlib.toExporter(x)).toList()).toEqual([[1, 2, 3], [4, 5, 6]]);
  const y = stdlib.fromExporter(new Int16Array([7, 8, 9]));
  expect([y.dtype, y.get(2)]).toEqual(["int16", 9]);
});

it("apache-arrow: both calls", () => {
  const column = makeVector(new Int32Array([1, 2, 3, 4])).slice(1, 3);
  expect(memoryview(arrow.toExporter(column)).toList()).toEqual([2, 3]);
  const vector = arrow.fromExporter(new Float64Array([1.5, 2.5]));
  expect([String(vector.type), vector.get(1)]).toEqual(["Float64", 2.5]);
});

it("from one library to another: a scijs image becomes an Arrow column over the same memory", () => {
  const image = ndarray(new Float32Array(4 * 3), [4, 3]);
  const column = arrow.fromExporter(scijs.toExporter(image));
  expect(String(column.type)).toBe("FixedSizeList[3]<Float32>");
  image.set(2, 1, 0.5);
  expect(column.get(2)?.get(1)).toBe(0.5);
  expect(() => arrow.fromExporter(scijs.toExporter(image.transpose(1, 0)))).toThrow(/not C-contiguous/);
  const copied = arrow.fromExporter(scijs.toExporter(image.transpose(1, 0)), { copy: "if-needed" });
  expect([...(copied.get(1) as unknown as Iterable<number>)]).toEqual([0, 0, 0.5, 0]);
});
