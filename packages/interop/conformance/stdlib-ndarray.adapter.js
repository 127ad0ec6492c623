// @ts-check
/**
 * Conformance adapter for `@pybuffer/interop/stdlib-ndarray`: every
 * exporter is `toExporter` over an array built by `@stdlib/ndarray`'s own
 * constructor and buffer types (BooleanArray for `?`), read-only when the
 * description is.
 *
 * @module
 */

import ndarray from "@stdlib/ndarray/ctor/lib/index.js";
import bufferCtors from "@stdlib/ndarray/base/buffer-ctors/lib/index.js";
import { toExporter } from "@pybuffer/interop/stdlib-ndarray";
import { alignedElements, elementCapabilities, elementStrides } from "./shared.js";

/** @type {Record<string, string>} */
const DTYPES = { b: "int8", B: "uint8", h: "int16", H: "uint16", i: "int32", I: "uint32", f: "float32", d: "float64", "?": "bool" };

/** @type {import("@pybuffer/conformance").ConformanceAdapter<any>} */
export default {
  name: "interop-stdlib-ndarray",
  capabilities: elementCapabilities(Object.keys(DTYPES)),
  create: (d) => {
    const dtype = /** @type {string} */ (DTYPES[d.format]);
    const { memory, offset, length } = alignedElements(d);
    const Data = /** @type {NonNullable<ReturnType<typeof bufferCtors>>} */ (bufferCtors(dtype));
    const data = new Data(memory, 0, length);
    // stdlib keeps one stride, 0, for a 0-d array.
    const strides = d.shape.length === 0 ? [0] : elementStrides(d.strides, d.itemsize);
    return toExporter(new ndarray(dtype, data, [...d.shape], strides, offset, "row-major", { readonly: d.readonly }));
  },
};
