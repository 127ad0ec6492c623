// @ts-check
/**
 * Conformance adapter for `@pybuffer/interop/apache-arrow`: every exporter
 * is `toExporter` over a column built with Arrow's own `makeData` (a
 * FixedSizeList level per dimension past the first). Arrow has no
 * strides, so its columns are C-contiguous, of one dimension or more.
 *
 * @module
 */

import {
  Field, FixedSizeList, Float16, Float32, Float64, Int16, Int32, Int64, Int8,
  makeData, Uint16, Uint32, Uint64, Uint8, Vector,
} from "apache-arrow";
import { toExporter } from "@pybuffer/interop/apache-arrow";
import { alignedElements, elementCapabilities } from "./shared.js";

/** @type {Record<string, [() => any, new (memory: ArrayBuffer, byteOffset: number, length: number) => any]>} */
const TYPES = {
  b: [() => new Int8(), Int8Array], B: [() => new Uint8(), Uint8Array],
  h: [() => new Int16(), Int16Array], H: [() => new Uint16(), Uint16Array],
  i: [() => new Int32(), Int32Array], I: [() => new Uint32(), Uint32Array],
  q: [() => new Int64(), BigInt64Array], Q: [() => new Uint64(), BigUint64Array],
  e: [() => new Float16(), Uint16Array], f: [() => new Float32(), Float32Array], d: [() => new Float64(), Float64Array],
};

/** @type {import("@pybuffer/conformance").ConformanceAdapter<any>} */
export default {
  name: "interop-apache-arrow",
  capabilities: elementCapabilities(Object.keys(TYPES), { minNdim: 1, maxNdim: 4, layouts: ["C"] }),
  create: (d) => {
    const [makeType, Values] = /** @type {NonNullable<(typeof TYPES)[string]>} */ (TYPES[d.format]);
    const { memory, offset } = alignedElements(d);
    const items = d.shape.reduce((n, extent) => n * extent, 1);
    /** @type {any} */
    let data = makeData({ type: makeType(), length: items, data: new Values(memory, offset * d.itemsize, items) });
    for (let dim = d.shape.length - 1; dim >= 1; dim--) {
      const rows = d.shape.slice(0, dim).reduce((n, extent) => n * extent, 1);
      const size = /** @type {number} */ (d.shape[dim]);
      data = makeData({ type: new FixedSizeList(size, new Field("item", data.type)), length: rows, child: data });
    }
    return toExporter(new Vector([data]), { readonly: d.readonly });
  },
};
