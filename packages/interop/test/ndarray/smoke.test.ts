import ndarray from "ndarray";
import { expect, test } from "vitest";
import { memoryview, NDArray, NDArrayFlags } from "@pybuffer/core";
import { fromExporter, toExporter } from "../../src/ndarray/index.ts";

test("smoke", () => {
  const a = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
  const m = memoryview(toExporter(a.transpose(1, 0)));
  expect([m.format, m.shape, m.strides]).toEqual(["d", [3, 2], [8, 24]]);
  expect(m.toList()).toEqual([[1, 4], [2, 5], [3, 6]]);
  const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "i", flags: NDArrayFlags.WRITABLE });
  const b = fromExporter(nd);
  expect([b.dtype, b.shape, b.get(1, 2)]).toEqual(["int32", [2, 3], 6]);
  const v = a.step(-1).transpose(1, 0).hi(2).lo(1).pick(null, 0);
  expect(memoryview(toExporter(v)).toList()).toEqual([v.get(0)]);
});
