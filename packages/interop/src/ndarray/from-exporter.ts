/**
 * Any exporter as a scijs `ndarray` over the same memory.
 *
 * @module
 */

import { releaseBuffer } from "@pybuffer/core";
import ndarray, { type NdArray, type TypedArray } from "ndarray";
import { acquireElements } from "../shared/acquire-elements.ts";
import { copyPolicyOf, type FromExporterOptions } from "../shared/copy-policy.ts";
import { kindFormat } from "../shared/element-kinds.ts";
import { holdExportWhileAlive } from "../shared/hold-export.ts";
import { typedArrayConstructor, typedArrayRefusal } from "../shared/typed-arrays.ts";

/**
 * The data of a scijs ndarray built by {@link fromExporter}: a TypedArray.
 *
 * @example
 * ```ts
 * import type { ScijsTypedData } from "@pybuffer/interop/ndarray";
 * const data: ScijsTypedData = new BigInt64Array(2);
 * ```
 *
 * @since 0.1.0
 */
export type ScijsTypedData = TypedArray | BigInt64Array<ArrayBuffer> | BigUint64Array<ArrayBuffer>;

/**
 * Builds a scijs `ndarray` over an exporter's memory, zero-copy: the data
 * is a TypedArray over exactly the bytes the buffer reaches, with strides
 * and offset in elements. The export is held until that data is collected.
 * A layout a TypedArray cannot address (misaligned items or strides,
 * suboffsets, read-only memory, which scijs cannot protect) is copied in C
 * order with `{ copy: "if-needed" }`; by default it raises `BufferError`.
 *
 * @throws BufferError for a format scijs cannot hold (`?`, complex, structs), or a layout that needs a copy under `copy: "never"`.
 * @throws TypeError when `exporter` does not export the buffer protocol.
 * @example
 * ```ts
 * import { NDArray, NDArrayFlags } from "@pybuffer/core";
 * import { fromExporter } from "@pybuffer/interop/ndarray";
 * const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "i", flags: NDArrayFlags.WRITABLE });
 * const a = fromExporter(nd);
 * [a.dtype, a.shape, a.get(1, 2)]; // ["int32", [2, 3], 6]
 * ```
 *
 * @since 0.1.0
 */
export function fromExporter(exporter: unknown, options?: FromExporterOptions): NdArray<ScijsTypedData> {
  const block = acquireElements(exporter, {
    library: "ndarray",
    copy: copyPolicyOf(options, "ndarray"),
    needsWritable: true,
    needsCContiguous: false,
    refuseKind: (kind) => {
      const refusal = typedArrayRefusal(kind);
      return refusal === null ? null : `scijs ndarray cannot hold format '${kindFormat(kind)}' (${kind}): ${refusal}`;
    },
  });
  try {
    const Data = typedArrayConstructor(block.kind)!;
    const data = new Data(block.memory, block.byteOffset, block.length);
    if (block.held !== null) holdExportWhileAlive(data, block.held);
    return ndarray(data as ScijsTypedData, [...block.shape], [...block.strides], block.offset) as NdArray<ScijsTypedData>;
  } catch (error) {
    if (block.held !== null) releaseBuffer(block.held);
    throw error;
  }
}
