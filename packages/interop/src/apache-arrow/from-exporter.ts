/**
 * Any C-contiguous exporter as an Arrow `Vector` over the same memory.
 *
 * @module
 */

import { BufferError, releaseBuffer } from "@pybuffer/core";
import {
  Field,
  FixedSizeBinary,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  makeData,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Vector,
  type Data,
  type DataType,
} from "apache-arrow";
import { acquireItems, type BlockKind, type ElementBlock } from "../shared/acquire-elements.ts";
import { copyPolicyOf, type FromExporterOptions } from "../shared/copy-policy.ts";
import { kindFormat, type ElementKind } from "../shared/element-kinds.ts";
import { holdExportWhileAlive } from "../shared/hold-export.ts";
import { typedArrayConstructor } from "../shared/typed-arrays.ts";

const LEAF_TYPES: Readonly<Partial<Record<ElementKind, () => DataType>>> = {
  int8: () => new Int8(),
  uint8: () => new Uint8(),
  int16: () => new Int16(),
  uint16: () => new Uint16(),
  int32: () => new Int32(),
  uint32: () => new Uint32(),
  int64: () => new Int64(),
  uint64: () => new Uint64(),
  float16: () => new Float16(),
  float32: () => new Float32(),
  float64: () => new Float64(),
};

/** The leaf column over the block's memory: every item, in C order. */
function leafData(block: ElementBlock<BlockKind>, items: number): Data {
  if (block.kind === "bytes") {
    const values = new Uint8Array(block.memory, block.byteOffset, items * block.itemsize);
    if (block.held !== null) holdExportWhileAlive(values, block.held);
    return makeData({ type: new FixedSizeBinary(block.itemsize), length: items, data: values });
  }
  // Arrow keeps Float16 as its raw bits in a Uint16Array.
  const Values = typedArrayConstructor(block.kind === "float16" ? "uint16" : block.kind)!;
  const values = new Values(block.memory, block.byteOffset, items);
  if (block.held !== null) holdExportWhileAlive(values, block.held);
  return makeData({ type: LEAF_TYPES[block.kind]!() as never, length: items, data: values as never });
}

/**
 * Builds an Arrow `Vector` over an exporter's memory, zero-copy: 1-D
 * buffers of `b B h H i I l L q Q n N e f d` become Int/Uint/Float columns,
 * `ks` a FixedSizeBinary(k) column, and every further dimension a
 * FixedSizeList level (`[n, k]` is FixedSizeList(k)). Arrow has no strides:
 * a buffer that is not C-contiguous (or is misaligned) is copied with
 * `{ copy: "if-needed" }` and refused by default. Arrow columns are
 * immutable by convention, so read-only memory is accepted as it is.
 *
 * @throws BufferError for `?` (Arrow's Bool is bit-packed), complex and struct formats, a 0-d buffer, or a layout that needs a copy under `copy: "never"`.
 * @throws TypeError when `exporter` does not export the buffer protocol.
 * @example
 * ```ts
 * import { fromExporter } from "@pybuffer/interop/apache-arrow";
 * const column = fromExporter(new Float64Array([1.5, 2.5]));
 * [String(column.type), column.get(1)]; // ["Float64", 2.5]
 * ```
 *
 * @since 0.1.0
 */
export function fromExporter(exporter: unknown, options?: FromExporterOptions): Vector {
  const block = acquireItems(exporter, {
    library: "apache-arrow",
    copy: copyPolicyOf(options, "apache-arrow"),
    needsWritable: false,
    needsCContiguous: true,
    refuseKind: (kind) =>
      LEAF_TYPES[kind] !== undefined
        ? null
        : kind === "bool"
          ? "format '?' has one byte per value, and Arrow's Bool is bit-packed: build it with vectorFromArray(values, new Bool())"
          : `Arrow has no fixed-width type for format '${kindFormat(kind)}' (${kind})`,
  });
  try {
    const { shape } = block;
    if (shape.length === 0) {
      throw new BufferError("apache-arrow.fromExporter: a 0-d buffer is not a column; reshape it to [1] (memoryview.cast) first");
    }
    // Loops, not reduce() and slice(): the shape may be a record's frozen array, where V8 takes their slow path.
    let items = 1;
    for (let dim = 0; dim < shape.length; dim++) items *= shape[dim]!;
    let data: Data = leafData(block, items);
    for (let dim = shape.length - 1; dim >= 1; dim--) {
      // The level's rows: the product of the extents above it (an empty extent below must not divide it).
      let rows = 1;
      for (let above = 0; above < dim; above++) rows *= shape[above]!;
      const type = new FixedSizeList(shape[dim]!, new Field("item", data.type, false));
      data = makeData({ type, length: rows, nullCount: 0, child: data });
    }
    return new Vector([data]);
  } catch (error) {
    if (block.held !== null) releaseBuffer(block.held);
    throw error;
  }
}
