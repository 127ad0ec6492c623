/**
 * `@stdlib/ndarray` arrays as exporters: TypedArray data, and the
 * BooleanArray, Complex64Array and Complex128Array that wrap one's memory.
 *
 * @module
 */

import { BufferError, isMemoryBlock, PyTypeError } from "@pybuffer/core";
import { blockByteLength, optionChecks, pythonTypeName, readOptions, type OptionChecks } from "@pybuffer/core/internal";
import { ElementExporter } from "../shared/element-exporter.ts";
import { kindFormat, kindItemsize, type ElementKind } from "../shared/element-kinds.ts";
import { asObject, numberList, readingForeign } from "../shared/read-fields.ts";
import { typedArrayData, type TypedArrayData } from "../shared/typed-arrays.ts";
import { WRAPPED_DTYPES, type StdlibNdarray } from "./stdlib-array.ts";

/**
 * Options of {@link toExporter}.
 *
 * @example
 * ```ts
 * import type { StdlibToExporterOptions } from "@pybuffer/interop/stdlib-ndarray";
 * const options: StdlibToExporterOptions = { readonly: true };
 * ```
 *
 * @since 0.1.0
 */
export interface StdlibToExporterOptions {
  /**
   * Export read-only even if the array is writable; a read-only array always exports read-only.
   *
   * @since 0.1.0
   */
  readonly readonly?: boolean;
}

const TO_EXPORTER_OPTIONS: OptionChecks<StdlibToExporterOptions> = { readonly: optionChecks.boolean };

/** The memory of a BooleanArray or complex array, checked to lie inside a real memory block. */
function wrappedArrayData(data: unknown, kind: ElementKind, dtype: string): TypedArrayData {
  const array = asObject(data, `@stdlib/ndarray: ${dtype} data`);
  const memory = array["buffer"];
  const byteOffset = array["byteOffset"];
  const length = array["length"];
  if (
    !isMemoryBlock(memory) ||
    !Number.isSafeInteger(byteOffset) ||
    !Number.isSafeInteger(length) ||
    (byteOffset as number) < 0 ||
    (length as number) < 0 ||
    (byteOffset as number) + (length as number) * kindItemsize(kind) > blockByteLength(memory)
  ) {
    throw new BufferError(`@stdlib/ndarray: the ${dtype} data does not describe memory inside its ArrayBuffer`);
  }
  return { kind, memory, byteOffset: byteOffset as number, length: length as number };
}

/**
 * Makes an `@stdlib/ndarray` array an exporter over the same memory,
 * without copying: the numeric data types as scijs's (`b B h H i I f d`,
 * `uint8c` and `binary` as `B`), `bool` as `?`, `complex64` and
 * `complex128` as `F` and `D` (CPython 3.14's codes: `memoryview` item
 * access on them raises NotImplementedError, as in CPython; `toBytes` and
 * `iterUnpack` work). A read-only array exports read-only and refuses
 * WRITABLE.
 *
 * @throws BufferError for "generic" data (no memory block), or a view reaching outside its data.
 * @throws TypeError when `value` is not an ndarray, a field of it cannot be read (a getter that throws), or `options` is not a plain object of known options.
 * @example
 * ```ts
 * import array from "@stdlib/ndarray/array/lib/index.js";
 * import { memoryview } from "@pybuffer/core";
 * import { toExporter } from "@pybuffer/interop/stdlib-ndarray";
 * const x = array(new Int32Array([1, 2, 3, 4, 5, 6]), { shape: [2, 3] });
 * memoryview(toExporter(x)).toList(); // [[1, 2, 3], [4, 5, 6]]
 * ```
 *
 * @since 0.1.0
 */
export function toExporter<T extends StdlibNdarray>(value: T, options?: StdlibToExporterOptions): ElementExporter<T> {
  const readonly = readOptions(options, "@stdlib/ndarray.toExporter", TO_EXPORTER_OPTIONS).readonly === true;
  return readingForeign("@stdlib/ndarray.toExporter: the ndarray", () => exporterOf(value, readonly));
}

function exporterOf<T extends StdlibNdarray>(value: T, readonly: boolean): ElementExporter<T> {
  const array = asObject(value, "@stdlib/ndarray ndarray");
  const dtype = array["dtype"];
  // stdlib names its dtypes with strings; anything else is refused by its
  // kind, never stringified (a huge array's join takes minutes).
  if (typeof dtype !== "string") throw new PyTypeError(`@stdlib/ndarray: dtype must be a string, not '${pythonTypeName(dtype)}'`);
  const data = array["data"];
  const wrapped = WRAPPED_DTYPES.get(dtype);
  const typed = wrapped === undefined ? typedArrayData(data) : wrappedArrayData(data, wrapped, dtype);
  if (typed === undefined) {
    throw new BufferError(
      `@stdlib/ndarray: dtype ${JSON.stringify(dtype)} has no memory block to export (its data is not a typed array); ` +
        `convert it with @stdlib/ndarray's astype to a numeric dtype`,
    );
  }
  const flags = asObject(array["flags"], "@stdlib/ndarray flags");
  const shape = numberList(array["shape"], "@stdlib/ndarray: shape");
  // stdlib keeps one stride, 0, for a 0-d array; a buffer record has none.
  const strides = shape.length === 0 ? [] : numberList(array["strides"], "@stdlib/ndarray: strides");
  // Fields by name, not spreads: a spread-built layout costs more than reading stdlib's getters.
  return new ElementExporter(
    value,
    {
      memory: typed.memory,
      byteOffset: typed.byteOffset,
      length: typed.length,
      format: kindFormat(typed.kind),
      itemsize: kindItemsize(typed.kind),
      shape,
      strides,
      offset: array["offset"] as number,
      readonly: flags["READONLY"] === true || readonly,
    },
    "@stdlib/ndarray",
  );
}
