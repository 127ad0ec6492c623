/**
 * The item size of a format, `struct.calcsize(format)`, for the layers below
 * the `struct` functions: the protocol checks a record's itemsize against its
 * format, and `PyBuffer_SizeFromFormat` (Objects/abstract.c) is exactly
 * `calcsize`. The format is only scanned: no layout, no codec.
 *
 * @module
 */

import { PyTypeError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { abiProfile, DEFAULT_ABI, type AbiName } from "./abi.ts";
import { scanFormatSize } from "./compile-format.ts";

/** Consumers see the same few formats again and again; a full cache starts over. */
const MAX_CACHED = 100;
/**
 * Formats up to this long are scanned every time: the scan costs no more
 * than a cache lookup would, and a missed lookup then adds a `Map#set`.
 */
const SCANNED_UNCACHED = 32;
/** Sizes by ABI profile, keyed by the format text (no key to concatenate). */
const sizesByAbi = new Map<AbiName, Map<string, number>>();

/**
 * `calcsize(format)` with the native sizes of `abi`, cached past a few dozen
 * characters. No Struct, no layout and no codec is built: the format is only scanned.
 *
 * @throws PyTypeError when `format` is not a string (CPython's `Struct()`
 * message, which `calcsize` raises too), ValueError for an unknown ABI
 * profile, then StructError for a bad format.
 */
export function formatSize(format: unknown, abi: AbiName = DEFAULT_ABI): number {
  if (typeof format !== "string") {
    throw new PyTypeError(`Struct() argument 1 must be a str or bytes object, not ${pythonTypeName(format)}`);
  }
  if (format.length <= SCANNED_UNCACHED) return scanFormatSize(format, abiProfile(abi));
  let sizes = sizesByAbi.get(abi);
  if (sizes === undefined) {
    abiProfile(abi); // an unknown ABI name raises before it gets a cache
    sizes = new Map();
    sizesByAbi.set(abi, sizes);
  }
  let size = sizes.get(format);
  if (size === undefined) {
    size = scanFormatSize(format, abiProfile(abi));
    if (sizes.size >= MAX_CACHED) sizes.clear();
    sizes.set(format, size);
  }
  return size;
}
