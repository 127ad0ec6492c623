/** Building @stdlib/ndarray arrays the way stdlib's own constructor does, over memory the test owns. */
import ndarray from "@stdlib/ndarray/ctor/lib/index.js";
import bufferCtors from "@stdlib/ndarray/base/buffer-ctors/lib/index.js";
import type { StdlibNdarray } from "../../src/stdlib-ndarray/index.ts";

/** An array of `dtype` over `length` elements of `memory` at `byteOffset` (stdlib's own buffer type for the dtype). */
export function stdlibArray(
  dtype: string,
  memory: ArrayBuffer,
  geometry: { byteOffset?: number; length: number; shape: number[]; strides: number[]; offset: number; readonly?: boolean },
): StdlibNdarray {
  const Data = bufferCtors(dtype)!;
  const data = new Data(memory, geometry.byteOffset ?? 0, geometry.length);
  return new ndarray(dtype, data, geometry.shape, geometry.shape.length === 0 ? [0] : geometry.strides, geometry.offset, "row-major", {
    readonly: geometry.readonly ?? false,
  });
}
