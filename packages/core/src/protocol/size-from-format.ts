/**
 * `PyBuffer_SizeFromFormat`.
 *
 * @module
 */

import type { AbiName } from "../format/abi.ts";
import { formatSize } from "../format/format-size.ts";

/**
 * The item size of a format: `struct.calcsize(format)` (CPython imports
 * `struct` for exactly this). Errors are struct's, e.g. "bad char in struct format".
 *
 * @example
 * ```ts
 * import { sizeFromFormat } from "@pybuffer/core";
 * [sizeFromFormat(""), sizeFromFormat("3s"), sizeFromFormat("ii")]; // [0, 3, 8]
 * ```
 */
export function sizeFromFormat(format: string, options?: { readonly abi?: AbiName }): number {
  return formatSize(format, options?.abi);
}
