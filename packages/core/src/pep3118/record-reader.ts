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
import { formatCode } from "../struct/format-codes.ts";
import { itemCodec } from "../struct/item-codec.ts";
import type { ExtendedType, ScalarType, StructType, SubarrayType } from "./extended-type.ts";

/**
 * Reads the item at byte `offset` of `view`. The caller has checked that the
 * item's bytes lie inside the view.
 */
export type RecordReader = (view: DataView, offset: number) => unknown;

const cache = new WeakMap<ExtendedType, RecordReader>();

/**
 * The reader of items of `type`, built once per type (closures over the
 * field offsets, so a record costs one call per field).
 *
 * @throws NotImplementedError when reading reaches an `O` item (a Python object pointer).
 * @example
 * ```ts
 * import { parseExtendedFormat, recordReader } from "@pybuffer/core";
 * const read = recordReader(parseExtendedFormat("T{<h:a:2s:b:}"));
 * read(new DataView(new Uint8Array([1, 0, 104, 0]).buffer), 0); // { a: 1, b: Uint8Array [104] }
 * ```
 */
export function recordReader(type: ExtendedType): RecordReader {
  let reader = cache.get(type);
  if (reader === undefined) {
    reader = build(type);
    cache.set(type, reader);
  }
  return reader;
}

function build(type: ExtendedType): RecordReader {
  switch (type.kind) {
    case "scalar":
      return scalarReader(type);
    case "struct":
      return structReader(type);
    case "subarray":
      return subarrayReader(type);
  }
}

function structReader(type: StructType): RecordReader {
  const names = type.fields.map((field) => field.name);
  const offsets = type.fields.map((field) => field.offset);
  const readers = type.fields.map((field) => recordReader(field.type));
  // A field called "__proto__" must become an own property, not the prototype.
  const plainKeys = !names.includes("__proto__");
  return (view, offset) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < readers.length; i++) {
      const value = readers[i]!(view, offset + offsets[i]!);
      if (plainKeys) record[names[i]!] = value;
      else Object.defineProperty(record, names[i]!, { value, enumerable: true, writable: true, configurable: true });
    }
    return record;
  };
}

function subarrayReader(type: SubarrayType): RecordReader {
  const read = recordReader(type.base);
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
      return (view, offset) => withoutTrailingNuls(bytesAt(view, offset, type.size));
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

function bytesAt(view: DataView, offset: number, size: number): Uint8Array {
  return new Uint8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + size));
}

function withoutTrailingNuls(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end === bytes.length ? bytes : bytes.slice(0, end);
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
