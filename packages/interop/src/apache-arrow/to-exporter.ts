/**
 * Arrow columns (a one-chunk `Vector`, or one `Data`) as exporters.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionChecks } from "@pybuffer/core/internal";
import type { Data, Vector } from "apache-arrow";
import { ElementExporter } from "../shared/element-exporter.ts";
import { readingForeign } from "../shared/read-fields.ts";
import { columnLayout, singleChunk, type NullPolicy } from "./column-layout.ts";

/**
 * Options of {@link toExporter}.
 *
 * @example
 * ```ts
 * import type { ArrowToExporterOptions } from "@pybuffer/interop/apache-arrow";
 * const options: ArrowToExporterOptions = { nulls: "values", readonly: true };
 * ```
 *
 * @since 0.1.0
 */
export interface ArrowToExporterOptions {
  /**
   * A column with nulls: `"refuse"` (default) or `"values"` (export the value slots as they are).
   *
   * @since 0.1.0
   */
  readonly nulls?: NullPolicy;
  /**
   * Export read-only (WRITABLE requests are refused); default `false`.
   *
   * @since 0.1.0
   */
  readonly readonly?: boolean;
}

const TO_EXPORTER_OPTIONS: OptionChecks<ArrowToExporterOptions> = { nulls: optionChecks.oneOf("refuse", "values"), readonly: optionChecks.boolean };

/**
 * Makes an Arrow column an exporter over its values buffer, without
 * copying: Int8 to Int64 and Uint8 to Uint64 as `b h i q` and `B H I Q`,
 * Float16/32/64 as `e f d`, FixedSizeBinary(k) as `ks`, and
 * FixedSizeList(k) of those as one more dimension (`[n, k]`). A slice
 * exports just its rows; the length is the column's, never the
 * (over-allocated) values buffer's.
 *
 * @throws BufferError for nulls (unless `nulls: "values"`), several chunks, and Bool, Utf8, Binary, Dictionary, Timestamp and the other non-fixed-width types, each saying what to do instead.
 * @throws TypeError when `value` is not a Vector or Data, a field of it cannot be read (a getter that throws), or `options` is not a plain object of known options.
 * @example
 * ```ts
 * import { makeVector } from "apache-arrow";
 * import { memoryview } from "@pybuffer/core";
 * import { toExporter } from "@pybuffer/interop/apache-arrow";
 * const column = makeVector(new Int32Array([1, 2, 3, 4])).slice(1, 3);
 * memoryview(toExporter(column)).toList(); // [2, 3]
 * ```
 *
 * @since 0.1.0
 */
export function toExporter<T extends Vector | Data>(value: T, options?: ArrowToExporterOptions): ElementExporter<T> {
  const { nulls = "refuse", readonly = false } = readOptions(options, "apache-arrow.toExporter", TO_EXPORTER_OPTIONS);
  return readingForeign("apache-arrow.toExporter: the column", () => exporterOf(value, nulls, readonly));
}

function exporterOf<T extends Vector | Data>(value: T, nulls: NullPolicy, readonly: boolean): ElementExporter<T> {
  const layout = columnLayout(singleChunk(value), nulls);
  const strides: number[] = new Array<number>(layout.shape.length);
  // C order; an empty extent does not zero the outer strides (NumPy's _array_fill_strides does the same).
  for (let dim = layout.shape.length - 1, step = 1; dim >= 0; dim--) {
    strides[dim] = step;
    step *= Math.max(layout.shape[dim]!, 1);
  }
  const { memory, byteOffset, length, format, itemsize, shape } = layout;
  // Fields by name, not a spread: a spread-built layout is slow to read.
  return new ElementExporter(value, { memory, byteOffset, length, format, itemsize, shape, strides, offset: 0, readonly }, "apache-arrow");
}
