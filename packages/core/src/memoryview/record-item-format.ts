/**
 * Item access for formats of PEP 3118's extended grammar, an extension that
 * views opt into (`{ extendedFormats: true }`): CPython's memoryview raises
 * NotImplementedError for them (Objects/memoryobject.c, `adjust_fmt`). Items
 * read as NumPy's `tolist()` gives them; writing them is refused.
 *
 * @module
 */

import { NotImplementedError } from "../errors/python-errors.ts";
import { cachedExtendedFormat, isFormatError } from "../pep3118/cached-extended-format.ts";
import { minimumItemsize } from "../pep3118/extended-type.ts";
import { recordReader } from "../pep3118/record-reader.ts";
import type { AbiProfile } from "../format/abi.ts";
import type { ItemCodec } from "../format/item-codec.ts";
import type { StructValue } from "../format/values.ts";
import type { ItemFormat } from "./item-format-type.ts";

/** The record item format of `format`, or null when the extended grammar does not describe items of `itemsize` bytes. */
export function recordItemFormat(format: string, itemsize: number, abi: AbiProfile): ItemFormat | null {
  const type = cachedExtendedFormat(format, abi);
  if (isFormatError(type) || minimumItemsize(type) > itemsize) return null;
  const read = recordReader(type);
  const refuse = (): never => {
    throw new NotImplementedError(`memoryview: writing items of format ${format} is not supported`);
  };
  const codec: ItemCodec = {
    char: format,
    size: itemsize,
    coerce: refuse,
    write: refuse,
    // Records, strings and sub-arrays are values here too, beyond struct's.
    read: (view, offset) => read(view, offset) as StructValue,
  };
  return { char: format, codec, convert: refuse };
}
