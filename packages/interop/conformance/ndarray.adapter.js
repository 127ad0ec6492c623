// @ts-check
/**
 * Conformance adapter for `@pybuffer/interop/ndarray`: every exporter is
 * `toExporter` over a scijs `ndarray` built by scijs itself, in any
 * layout scijs represents (C, Fortran, gaps, negative and zero strides).
 *
 * @module
 */

import ndarray from "ndarray";
import { toExporter } from "@pybuffer/interop/ndarray";
import { alignedElements, elementCapabilities, elementStrides } from "./shared.js";

/** @type {Record<string, new (memory: ArrayBuffer) => any>} */
const DATA = {
  b: Int8Array, B: Uint8Array, h: Int16Array, H: Uint16Array, i: Int32Array, I: Uint32Array,
  q: BigInt64Array, Q: BigUint64Array, f: Float32Array, d: Float64Array,
};
const Float16 = /** @type {any} */ (globalThis).Float16Array;
if (Float16 !== undefined) DATA["e"] = Float16;

/** @type {import("@pybuffer/conformance").ConformanceAdapter<any>} */
export default {
  name: "interop-scijs-ndarray",
  capabilities: elementCapabilities(Object.keys(DATA)),
  create: (d) => {
    const { memory, offset } = alignedElements(d);
    const Data = /** @type {NonNullable<(typeof DATA)[string]>} */ (DATA[d.format]);
    const data = new Data(memory);
    return toExporter(ndarray(data, [...d.shape], elementStrides(d.strides, d.itemsize), offset), { readonly: d.readonly });
  },
};
