/**
 * Parsed extended formats, cached per ABI: buffer validation and views ask
 * for the same few formats again and again. The cache is bounded, so a
 * stream of hostile formats cannot grow it without limit.
 *
 * @module
 */

import { isPythonError, type PythonError } from "../errors/python-errors.ts";
import type { AbiProfile } from "../format/abi.ts";
import type { ExtendedType } from "./extended-type.ts";
import { parseExtendedFormat } from "./parse-extended-format.ts";

const MAX_ENTRIES = 512;
const cache = new Map<string, ExtendedType | PythonError>();

/** The parsed type of `format`, or the Python error parsing raised (returned, not thrown). */
export function cachedExtendedFormat(format: string, abi: AbiProfile): ExtendedType | PythonError {
  const key = `${abi.name}\0${format}`;
  let entry = cache.get(key);
  if (entry === undefined) {
    try {
      entry = parseExtendedFormat(format, { abi: abi.name });
    } catch (error) {
      if (!isPythonError(error)) throw error;
      entry = error;
    }
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
  }
  return entry;
}

/** Whether a cache entry is a parse error. */
export function isFormatError(entry: ExtendedType | PythonError): entry is PythonError {
  return entry instanceof Error;
}
