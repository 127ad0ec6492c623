/**
 * `numpy.load` for one `.npy` file held in memory (`read_array` in
 * numpy/lib/_format_impl.py), without pickles: object arrays are refused.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import { DEFAULT_MAX_HEADER_SIZE, eof, npyDataLength, readNpyHeader } from "../header/npy-header.ts";
import type { DType } from "../dtype/dtype.ts";
import { callerBytes } from "./caller-bytes.ts";
import { NpyArray, npyArrayOfTrustedParts } from "./npy-array.ts";

/**
 * Options of {@link loadNpy}.
 *
 * @example
 * ```ts
 * import { loadNpy, type LoadNpyOptions } from "@pybuffer/numpy";
 * const options: LoadNpyOptions = { copy: true, maxHeaderSize: 20000 };
 * ```
 *
 * @since 0.1.0
 */
export interface LoadNpyOptions {
  /**
   * Always copy the data (default: share the file's bytes when they are aligned for the dtype).
   *
   * @since 0.1.0
   */
  readonly copy?: boolean;
  /**
   * NumPy's `max_header_size` (default 10000 characters).
   *
   * @since 0.1.0
   */
  readonly maxHeaderSize?: number;
  /**
   * Export the items writable (default: read-only, as `np.load` of bytes gives).
   *
   * @since 0.1.0
   */
  readonly writable?: boolean;
}

/** Each option read once, by core's one options check; the values are checked where they are used. */
const LOAD_NPY_OPTIONS: OptionChecks<LoadNpyOptions> = { copy: optionChecks.any as OptionCheck<never>, maxHeaderSize: optionChecks.any as OptionCheck<never>, writable: optionChecks.any as OptionCheck<never> };

/**
 * Reads an `.npy` file. The result shares `bytes` (no copy) when its data
 * is aligned for the dtype's items; otherwise it holds an aligned copy.
 * Bytes after the data are ignored, as NumPy ignores them.
 *
 * @throws ValueError with NumPy's message for a bad magic string, version,
 * header, shape, dtype or truncated data; "Object arrays cannot be loaded
 * when allow_pickle=False" for pickles, which are never unpickled.
 * @throws NotImplementedError for long doubles.
 * @example
 * ```ts
 * import { loadNpy, saveNpy } from "@pybuffer/numpy";
 * const a = loadNpy(saveNpy(new Int16Array([1, -2])));
 * a.dtype; // "<i2"
 * a.toList(); // [1, -2]
 * ```
 *
 * @since 0.1.0
 */
export function loadNpy(bytes: Uint8Array, options?: LoadNpyOptions): NpyArray {
  // Without options, readOptions answers at once (an empty object would be walked).
  options = readOptions(options, "loadNpy", LOAD_NPY_OPTIONS);
  bytes = callerBytes(bytes, "loadNpy", "loadNpy: expected a Uint8Array of the file's bytes");
  const header = readNpyHeader(bytes, options.maxHeaderSize ?? DEFAULT_MAX_HEADER_SIZE);
  const nbytes = npyDataLength(header);
  const available = bytes.length - header.dataOffset;
  if (available < nbytes) throw eof("array data", nbytes, available);
  let data = bytes.subarray(header.dataOffset, header.dataOffset + nbytes);
  if (options.copy === true || (bytes.byteOffset + header.dataOffset) % alignmentOf(header.dtype) !== 0) {
    data = data.slice();
  }
  // The fields by name, not a spread: spreading the header costs more than the rest of this function.
  const { version, descr, dtype, fortranOrder, shape } = header;
  return npyArrayOfTrustedParts({ version, descr, dtype, fortranOrder, shape, data, readonly: options.writable !== true });
}

/** The largest alignment of any item in the dtype: what zero-copy reads need. */
export function alignmentOf(dtype: DType): number {
  switch (dtype.kind) {
    case "scalar":
      return dtype.alignment;
    case "subarray":
      return alignmentOf(dtype.base);
    case "struct":
      return dtype.fields.reduce((max, field) => Math.max(max, alignmentOf(field.dtype)), 1);
  }
}
