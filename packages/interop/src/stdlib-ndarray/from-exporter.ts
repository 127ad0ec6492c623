/**
 * Any exporter as an `@stdlib/ndarray` array over the same memory.
 *
 * @module
 */

import { releaseBuffer } from "@pybuffer/core";
import { isLayoutContiguous } from "@pybuffer/core/internal";
import ndarray from "@stdlib/ndarray/ctor/lib/index.js";
import bufferCtors from "@stdlib/ndarray/base/buffer-ctors/lib/index.js";
import { acquireElements, type ElementBlock } from "../shared/acquire-elements.ts";
import { copyPolicyOf, type FromExporterOptions } from "../shared/copy-policy.ts";
import { kindFormat } from "../shared/element-kinds.ts";
import { holdExportWhileAlive } from "../shared/hold-export.ts";
import { STDLIB_DTYPES, type StdlibNdarray } from "./stdlib-array.ts";

/** stdlib's `order` for a layout: it records the layout, the strides define it. */
function orderOf(block: ElementBlock): "row-major" | "column-major" {
  const { itemsize, shape } = block;
  // Loops, not reduce() and map(): the shape may be a record's frozen array, where V8 takes their slow path.
  let len = itemsize;
  const strides = new Array<number>(shape.length);
  for (let dim = 0; dim < shape.length; dim++) {
    len *= shape[dim]!;
    strides[dim] = block.strides[dim]! * itemsize;
  }
  const layout = { len, itemsize, ndim: shape.length, shape, strides, suboffsets: null };
  // The layout is built here from a checked record: the unchecked test (the public isContiguous copies and re-checks its argument).
  return !isLayoutContiguous(layout, "C") && isLayoutContiguous(layout, "F") ? "column-major" : "row-major";
}

/**
 * Builds an `@stdlib/ndarray` array over an exporter's memory, zero-copy,
 * read-only when the exporter's memory is read-only. Formats map back as
 * {@link toExporter} maps them (`?` to bool, `F`/`D` to complex64/128);
 * misaligned items or strides and suboffsets are copied in C order with
 * `{ copy: "if-needed" }`, else refused with `BufferError`. The export is
 * held until the array's data is collected.
 *
 * @throws BufferError for a format stdlib cannot hold (`q`, `Q`, `e`, structs), or a layout that needs a copy under `copy: "never"`.
 * @throws TypeError when `exporter` does not export the buffer protocol.
 * @example
 * ```ts
 * import { fromExporter } from "@pybuffer/interop/stdlib-ndarray";
 * const x = fromExporter(new Float32Array([1, 2, 3]));
 * [x.dtype, x.shape, x.get(2)]; // ["float32", [3], 3]
 * ```
 *
 * @since 0.1.0
 */
export function fromExporter(exporter: unknown, options?: FromExporterOptions): StdlibNdarray {
  const block = acquireElements(exporter, {
    library: "@stdlib/ndarray",
    copy: copyPolicyOf(options, "@stdlib/ndarray"),
    needsWritable: false,
    needsCContiguous: false,
    refuseKind: (kind) =>
      STDLIB_DTYPES[kind] === undefined ? `@stdlib/ndarray has no data type for format '${kindFormat(kind)}' (${kind})` : null,
  });
  try {
    const dtype = STDLIB_DTYPES[block.kind]!;
    const Data = bufferCtors(dtype)!;
    const data = new Data(block.memory, block.byteOffset, block.length);
    if (block.held !== null) holdExportWhileAlive(data, block.held);
    // stdlib keeps one stride for a 0-d array.
    const strides = block.shape.length === 0 ? [0] : [...block.strides];
    const order = orderOf(block);
    // Options only for read-only memory: stdlib's own check of an options object costs more than the rest of this call.
    return block.readonly
      ? new ndarray(dtype, data, [...block.shape], strides, block.offset, order, { readonly: true })
      : new ndarray(dtype, data, [...block.shape], strides, block.offset, order);
  } catch (error) {
    if (block.held !== null) releaseBuffer(block.held);
    throw error;
  }
}
