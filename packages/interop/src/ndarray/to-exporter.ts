/**
 * scijs `ndarray` as an exporter: its data, offset and strides, in
 * elements, become a buffer record in bytes.
 *
 * @module
 */

import { BufferError } from "@pybuffer/core";
import { optionChecks, readOptions, type OptionChecks } from "@pybuffer/core/internal";
import type { NdArray } from "ndarray";
import { ElementExporter } from "../shared/element-exporter.ts";
import { kindFormat, kindItemsize } from "../shared/element-kinds.ts";
import { asObject, numberList, readingForeign } from "../shared/read-fields.ts";
import { typedArrayData } from "../shared/typed-arrays.ts";

/**
 * Options of {@link toExporter}.
 *
 * @example
 * ```ts
 * import type { NdarrayToExporterOptions } from "@pybuffer/interop/ndarray";
 * const options: NdarrayToExporterOptions = { readonly: true };
 * ```
 *
 * @since 0.1.0
 */
export interface NdarrayToExporterOptions {
  /**
   * Export read-only (WRITABLE requests are refused); default `false`, as scijs arrays are writable.
   *
   * @since 0.1.0
   */
  readonly readonly?: boolean;
}

const TO_EXPORTER_OPTIONS: OptionChecks<NdarrayToExporterOptions> = { readonly: optionChecks.boolean };

/**
 * Makes a scijs `ndarray` (any view: `.step`, `.transpose`, `.hi`, `.lo`,
 * `.pick`) an exporter over the same memory, without copying. int8, uint8,
 * int16, uint16, int32, uint32, float32, float64, bigint64 and biguint64
 * export as `b B h H i I f d q Q`; float16 as `e`; uint8_clamped and Node.js
 * `buffer` as `B`.
 *
 * @throws BufferError for "array" or "generic" data (no memory block), or a view reaching outside its data.
 * @throws TypeError when `value` is not an ndarray, a field of it cannot be read (a getter that throws), or `options` is not a plain object of known options.
 * @example
 * ```ts
 * import ndarray from "ndarray";
 * import { memoryview } from "@pybuffer/core";
 * import { toExporter } from "@pybuffer/interop/ndarray";
 * const a = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * const m = memoryview(toExporter(a.transpose(1, 0)));
 * [m.format, m.shape, m.strides]; // ["d", [3, 2], [8, 24]]
 * m.toList();                     // [[1, 4], [2, 5], [3, 6]]
 * ```
 *
 * @since 0.1.0
 */
export function toExporter<T extends NdArray<any>>(value: T, options?: NdarrayToExporterOptions): ElementExporter<T> {
  const readonly = readOptions(options, "ndarray.toExporter", TO_EXPORTER_OPTIONS).readonly === true;
  return readingForeign("ndarray.toExporter: the ndarray", () => exporterOf(value, readonly));
}

function exporterOf<T extends NdArray<any>>(value: T, readonly: boolean): ElementExporter<T> {
  const array = asObject(value, "ndarray");
  const data = array["data"];
  const typed = typedArrayData(data);
  if (typed === undefined) {
    const dtype = array["dtype"];
    throw new BufferError(
      `ndarray: dtype ${typeof dtype === "string" ? JSON.stringify(dtype) : "unknown"} has no memory block to export ` +
        `(its data is a plain or generic array); build the ndarray over a TypedArray`,
    );
  }
  return new ElementExporter(
    value,
    {
      memory: typed.memory,
      byteOffset: typed.byteOffset,
      length: typed.length,
      format: kindFormat(typed.kind),
      itemsize: kindItemsize(typed.kind),
      shape: numberList(array["shape"], "ndarray: shape"),
      strides: numberList(array["stride"], "ndarray: stride"),
      offset: array["offset"] as number,
      readonly,
    },
    "ndarray",
  );
}
