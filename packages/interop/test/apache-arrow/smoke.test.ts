import { expect, test } from "vitest";
import { makeVector, vectorFromArray, Float64, Utf8, makeData, FixedSizeList, Field, Int32, Vector, FixedSizeBinary, Float16, Bool, TimestampMillisecond } from "apache-arrow";
import { memoryview } from "@pybuffer/core";
import { fromExporter, toExporter } from "../../src/apache-arrow/index.ts";

test("smoke", () => {
  const column = makeVector(new Int32Array([1, 2, 3, 4])).slice(1, 3);
  expect(memoryview(toExporter(column)).toList()).toEqual([2, 3]);
  const f = fromExporter(new Float64Array([1.5, 2.5]));
  expect([String(f.type), f.get(1)]).toEqual(["Float64", 2.5]);
  const fl = makeData({type: new FixedSizeList(2, new Field("x", new Int32())), length: 3, child: makeData({type: new Int32(), data: new Int32Array([1,2,3,4,5,6])})});
  const m = memoryview(toExporter(new Vector([fl]).slice(1)));
  console.log(m.format, m.shape, m.toList());
  const back = fromExporter(m);
  console.log(String(back.type), back.length, back.get(1)?.toArray());
  const fb = makeData({type: new FixedSizeBinary(3), length: 2, data: new Uint8Array([1,2,3,4,5,6,7])});
  const mb = memoryview(toExporter(fb)); console.log(mb.format, mb.shape, mb.toBytes());
  const bb = fromExporter(mb); console.log(String(bb.type), bb.get(1));
  const h = vectorFromArray([1.5, 2], new Float16()); const mh = memoryview(toExporter(h)); console.log(mh.format, mh.toList()); console.log(String(fromExporter(mh).type), fromExporter(mh).get(0));
  for (const v of [vectorFromArray([1, null], new Float64()), vectorFromArray(["a"], new Utf8()), vectorFromArray([true], new Bool()), vectorFromArray(["a","b","a"]), vectorFromArray([1,2], new TimestampMillisecond()), makeVector(new Float64Array(1)).concat(makeVector(new Float64Array(1)))]) {
    try { toExporter(v); console.log("no error", String(v.type)) } catch (e) { console.log((e as Error).message) }
  }
  console.log(memoryview(toExporter(vectorFromArray([1, null, 3], new Float64()), { nulls: "values" })).toList());
});
