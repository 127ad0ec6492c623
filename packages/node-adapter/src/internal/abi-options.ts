/**
 * Passing an optional ABI on to core, whose options do not take `abi: undefined`
 * (`exactOptionalPropertyTypes`).
 *
 * @module
 */

import type { AbiName } from "@pybuffer/core";

/** `{ abi }` for core's options, or `{}` when the caller named none. */
export function abiOptions(abi: AbiName | undefined): { readonly abi?: AbiName } {
  return abi === undefined ? {} : { abi };
}
