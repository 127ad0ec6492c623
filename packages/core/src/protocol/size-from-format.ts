/**
 * `PyBuffer_SizeFromFormat`.
 *
 * @module
 */

import { calcsize } from "../struct/functions.ts";
import type { StructOptions } from "../struct/struct.ts";

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
export function sizeFromFormat(format: string, options?: StructOptions): number {
  return calcsize(format, options);
}
