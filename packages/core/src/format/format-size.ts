/**
 * The item size of a format, `struct.calcsize(format)`, for the layers below
 * the `struct` functions: the protocol checks a record's itemsize against its
 * format, and `PyBuffer_SizeFromFormat` (Objects/abstract.c) is exactly
 * `calcsize`. Only the layout is compiled, never a codec.
 *
 * @module
 */

import { PyTypeError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { abiProfile, DEFAULT_ABI, type AbiName } from "./abi.ts";
import { compileFormat } from "./compile-format.ts";

/** Consumers see the same few formats again and again; a full cache starts over. */
const MAX_CACHED = 100;
const sizes = new Map<string, number>();

/**
 * `calcsize(format)` with the native sizes of `abi`, cached.
 *
 * @throws PyTypeError when `format` is not a string (CPython's `Struct()`
 * message, which `calcsize` raises too), StructError for a bad format,
 * ValueError for an unknown ABI profile.
 */
export function formatSize(format: unknown, abi: AbiName = DEFAULT_ABI): number {
  if (typeof format !== "string") {
    throw new PyTypeError(`Struct() argument 1 must be a str or bytes object, not ${pythonTypeName(format)}`);
  }
  const key = `${abi}\u0000${format}`;
  let size = sizes.get(key);
  if (size === undefined) {
    size = compileFormat(format, abiProfile(abi)).size;
    if (sizes.size >= MAX_CACHED) sizes.clear();
    sizes.set(key, size);
  }
  return size;
}
