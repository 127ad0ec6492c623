/**
 * `PyBuffer_SizeFromFormat`.
 *
 * @module
 */

import type { AbiName } from "../format/abi.ts";
import { formatSize } from "../format/format-size.ts";
import { optionChecks, readOptions } from "../internal/options.ts";

/**
 * The item size of a format: `struct.calcsize(format)` (CPython imports
 * `struct` for exactly this). Errors are struct's, e.g. "bad char in struct format";
 * options that are not a plain object of known options raise PyTypeError.
 *
 * @example
 * ```ts
 * import { sizeFromFormat } from "@pybuffer/core";
 * [sizeFromFormat(""), sizeFromFormat("3s"), sizeFromFormat("ii")]; // [0, 3, 8]
 * ```
 *
 * @since 0.1.0
 */
export function sizeFromFormat(format: string, options?: { readonly abi?: AbiName }): number {
  const { abi } = readOptions(options, "sizeFromFormat", { abi: optionChecks.abi });
  return formatSize(format, abi);
}
