import { expect, test } from "vitest";
import { memoryview, iterUnpack } from "@pybuffer/core";
import { fromExporter, toExporter } from "../../src/stdlib-ndarray/index.ts";
import { stdlibArray } from "../helpers/stdlib.ts";

test("smoke", () => {
  const x = stdlibArray("int32", new Int32Array([1, 2, 3, 4, 5, 6]).buffer, { length: 6, shape: [2, 3], strides: [3, 1], offset: 0 });
  expect(memoryview(toExporter(x)).toList()).toEqual([[1, 2, 3], [4, 5, 6]]);
  const y = fromExporter(new Float32Array([1, 2, 3]));
  expect([y.dtype, y.shape, y.get(2)]).toEqual(["float32", [3], 3]);
  const z = fromExporter(toExporter(x));
  console.log(z.dtype, z.shape, z.strides, z.get(1,1), z.flags);
  const c = stdlibArray("complex128", new Float64Array([1, 2, 3, 4]).buffer, { length: 2, shape: [2], strides: [-1], offset: 1 , readonly: true});
  const m = memoryview(toExporter(c));
  console.log(m.format, m.shape, m.readonly, [...iterUnpack("<dd", m.toBytes())]);
  try { m.toList() } catch (e) { console.log(e) }
  const back = fromExporter(toExporter(c));
  console.log(back.dtype, back.get(0), back.flags, back.strides, back.offset);
  const b = stdlibArray("bool", new Uint8Array([1, 0, 1]).buffer, { length: 3, shape: [3], strides: [1], offset: 0 });
  console.log(memoryview(toExporter(b)).toList(), fromExporter(toExporter(b)).get(2));
  const s0 = stdlibArray("float64", new Float64Array([1, 2, 3]).buffer, { length: 3, shape: [], strides: [], offset: 2 });
  const m0 = memoryview(toExporter(s0)); console.log(m0.shape, m0.get([]), fromExporter(m0).get());
});
