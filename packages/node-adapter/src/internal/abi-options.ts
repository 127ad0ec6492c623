/**
 * Passing an optional ABI on to core, whose options do not take `abi: undefined`
 * (`exactOptionalPropertyTypes`).
 *
 * @module
 */

import type { AbiName } from "@pybuffer/core";

/**
 * `{ abi }` for core's options, or no options at all when the caller named
 * none: core's options check reads even an empty object key by key, and
 * skips `undefined` (this runs several times in every write and read).
 */
export function abiOptions(abi: AbiName | undefined): { readonly abi?: AbiName } | undefined {
  return abi === undefined ? undefined : { abi };
}
