/**
 * Reads one item of an extended-grammar type from memory, with the values
 * NumPy's `tolist()` gives for the same dtype: structs as plain objects keyed
 * by field name in field order, sub-arrays as nested arrays, `S` as bytes and
 * `U` as strings without their trailing NULs (NumPy's `STRING_getitem` and
 * `UNICODE_getitem` in `numpy/_core/src/multiarray/arraytypes.c.src`),
 * `V` as all its bytes. Numbers follow `struct`'s codecs.
 *
 * @module
 */

import { NotImplementedError, ValueError } from "../errors/python-errors.ts";
import { formatCode } from "../format/format-codes.ts";
import { itemCodec } from "../format/item-codec.ts";
import type { ExtendedType, ScalarType, StructType, SubarrayType } from "./extended-type.ts";
import { generatedStructReader } from "./generated-struct-reader.ts";

/**
 * Reads the item at byte `offset` of `view`. The caller has checked that the
 * item's bytes lie inside the view.
 *
 * @example
 * ```ts
 * import { parseExtendedFormat, recordReader, type RecordReader } from "@pybuffer/core";
 * const read: RecordReader = recordReader(parseExtendedFormat("<Zf"));
 * read(new DataView(new Float32Array([1, -1]).buffer), 0); // { real: 1, imag: -1 }
 * ```
 *
 * @since 0.1.0
 */
export type RecordReader = (view: DataView, offset: number) => unknown;

const cache = new WeakMap<ExtendedType, RecordReader>();

/**
 * The reader of items of `type`, built once per type: a struct's reader is
 * generated code building one object literal, its number fields read
 * inline (generated-struct-reader.ts), or, where code cannot be generated,
 * a loop over the fields' readers.
 *
 * @throws NotImplementedError when reading reaches an `O` item (a Python object pointer).
 * @example
 * ```ts
 * import { parseExtendedFormat, recordReader } from "@pybuffer/core";
 * const read = recordReader(parseExtendedFormat("T{<h:a:2s:b:}"));
 * read(new DataView(new Uint8Array([1, 0, 104, 0]).buffer), 0); // { a: 1, b: Uint8Array [104] }
 * ```
 *
 * @since 0.1.0
 */
export function recordReader(type: ExtendedType): RecordReader {
  let reader = cache.get(type);
  if (reader === undefined) {
    reader = build(type, recordReader);
    cache.set(type, reader);
  }
  return reader;
}

/**
 * @internal The reader a host that forbids generating code gets: loops
 * only, at every level. Not cached; for tests that check both agree.
 */
export function loopRecordReader(type: ExtendedType): RecordReader {
  return build(type, loopRecordReader, false);
}

/** Builds the reader of `type`, taking the readers of its parts from `readerOf`. */
function build(type: ExtendedType, readerOf: (type: ExtendedType) => RecordReader, generate = true): RecordReader {
  switch (type.kind) {
    case "scalar":
      return scalarReader(type);
    case "struct":
      return structReader(type, readerOf, generate);
    case "subarray":
      return subarrayReader(type, readerOf);
  }
}

function structReader(type: StructType, readerOf: (type: ExtendedType) => RecordReader, generate: boolean): RecordReader {
  const fields = type.fields.map((field) => ({ name: field.name, offset: field.offset, type: field.type, read: readerOf(field.type) }));
  return (generate ? generatedStructReader(fields) : null) ?? loopStructReader(fields);
}

function loopStructReader(fields: readonly { readonly name: string; readonly offset: number; readonly read: RecordReader }[]): RecordReader {
  const names = fields.map((field) => field.name);
  const offsets = fields.map((field) => field.offset);
  const readers = fields.map((field) => field.read);
  return (view, offset) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < readers.length; i++) {
      // defineProperty, so that a field called "__proto__" becomes an own property, not the prototype.
      Object.defineProperty(record, names[i]!, { value: readers[i]!(view, offset + offsets[i]!), enumerable: true, writable: true, configurable: true });
    }
    return record;
  };
}

function subarrayReader(type: SubarrayType, readerOf: (type: ExtendedType) => RecordReader): RecordReader {
  const read = readerOf(type.base);
  const step = type.base.size;
  const { shape } = type;
  // C order: the last extent varies fastest; strides of the nested lists in bytes.
  const strides = shape.map((_, dim) => shape.slice(dim + 1).reduce((p, n) => p * n, step));
  const level = (dim: number, view: DataView, offset: number): unknown[] => {
    const items = new Array<unknown>(shape[dim]!);
    for (let i = 0; i < items.length; i++) {
      const at = offset + i * strides[dim]!;
      items[i] = dim === shape.length - 1 ? read(view, at) : level(dim + 1, view, at);
    }
    return items;
  };
  return (view, offset) => level(0, view, offset);
}

function scalarReader(type: ScalarType): RecordReader {
  switch (type.scalarKind) {
    case "bytes":
      return (view, offset) => bytesWithoutTrailingNuls(view, offset, type.size);
    case "void":
      return (view, offset) => bytesAt(view, offset, type.size);
    case "ucs4":
      return (view, offset) => ucs4Text(view, offset, type.length, type.littleEndian);
    case "ucs2":
      return (view, offset) => ucs2Text(view, offset, type.length, type.littleEndian);
    case "object":
      return () => {
        throw new NotImplementedError(`PEP 3118 format 'O' holds Python object pointers, which cannot be read`);
      };
    case "pascal": {
      const codec = itemCodec(formatCode("p")!, type.size, type.littleEndian, true);
      return (view, offset) => codec.read(view, offset);
    }
    case "complex": {
      const codec = itemCodec(formatCode(type.code === "Zf" ? "F" : "D")!, type.size, type.littleEndian, true);
      return (view, offset) => codec.read(view, offset);
    }
    default: {
      const codec = itemCodec(formatCode(type.code)!, type.size, type.littleEndian, true);
      return (view, offset) => codec.read(view, offset);
    }
  }
}

/**
 * V8 keeps a TypedArray of up to 64 bytes inside its own object, with no
 * separate ArrayBuffer until `.buffer` is asked for: a copy that small costs
 * less than a view into a shared block would, and owns its memory.
 */
const SMALL_COPY = 64;

/**
 * A copy of `size` bytes at `offset`, owning its whole buffer (a `bytes`
 * value: no neighbour is ever visible through its `.buffer`).
 */
function bytesAt(view: DataView, offset: number, size: number): Uint8Array {
  if (size > SMALL_COPY) return new Uint8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + size));
  const copy = new Uint8Array(size);
  for (let i = 0; i < size; i++) copy[i] = view.getUint8(offset + i);
  return copy;
}

/** `S` items lose their trailing NULs (NumPy's `STRING_getitem`): only the bytes before them are copied. */
function bytesWithoutTrailingNuls(view: DataView, offset: number, size: number): Uint8Array {
  let end = size;
  while (end > 0 && view.getUint8(offset + end - 1) === 0) end--;
  return bytesAt(view, offset, end);
}

function ucs4Text(view: DataView, offset: number, length: number, littleEndian: boolean): string {
  let end = length;
  while (end > 0 && view.getUint32(offset + (end - 1) * 4, littleEndian) === 0) end--;
  let text = "";
  for (let i = 0; i < end; i++) {
    const point = view.getUint32(offset + i * 4, littleEndian);
    // PyUnicode_FromKindAndData refuses code points past U+10FFFF.
    if (point > 0x10ffff) throw new ValueError(`character U+${point.toString(16)} is not in range [U+0000; U+10ffff]`);
    text += String.fromCodePoint(point);
  }
  return text;
}

function ucs2Text(view: DataView, offset: number, length: number, littleEndian: boolean): string {
  let end = length;
  while (end > 0 && view.getUint16(offset + (end - 1) * 2, littleEndian) === 0) end--;
  let text = "";
  for (let i = 0; i < end; i++) text += String.fromCharCode(view.getUint16(offset + i * 2, littleEndian));
  return text;
}
