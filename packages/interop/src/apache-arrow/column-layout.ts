/**
 * Which Arrow columns are one block of fixed-size items, and their shape:
 * Int and Float columns (1-D), FixedSizeBinary(k) (1-D of `ks`), and
 * FixedSizeList(k) of those (one more dimension per list level). Everything
 * else is refused with a message saying what to do instead.
 *
 * @module
 */

import { BufferError, MAX_NDIM } from "@pybuffer/core";
import { Type } from "apache-arrow";
import type { ElementLayout } from "../shared/element-exporter.ts";
import { kindFormat, kindItemsize, type ElementKind } from "../shared/element-kinds.ts";
import { asObject } from "../shared/read-fields.ts";
import { typedArrayData } from "../shared/typed-arrays.ts";

/**
 * What to do with a column that has nulls: `"refuse"` (the default: a
 * buffer has no validity bitmap), or `"values"`: export the value slots as
 * they are (a slot under a null holds whatever its producer left there).
 *
 * @example
 * ```ts
 * import type { NullPolicy } from "@pybuffer/interop/apache-arrow";
 * const nulls: NullPolicy = "values";
 * ```
 *
 * @since 0.1.0
 */
export type NullPolicy = "refuse" | "values";

type Fields = Record<string, unknown>;

/** A column's items: the leaf values' memory, in items of the leaf's format, and the shape. */
type ColumnLayout = Pick<ElementLayout, "memory" | "byteOffset" | "length" | "format" | "itemsize" | "shape">;

const LIBRARY = "apache-arrow";

function refuse(message: string): never {
  throw new BufferError(`${LIBRARY}: ${message}`);
}

/** Why a column of `typeId` cannot be one buffer, and what to do instead. */
function refusal(typeId: number, typeName: string): string {
  switch (typeId) {
    case Type.Bool:
      return "Bool columns are bit-packed (8 values per byte), and a buffer item is at least one byte: copy them to bytes (Uint8Array.from(vector, Number)) and export that";
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
    case Type.Binary:
    case Type.LargeBinary:
    case Type.BinaryView:
      return `${typeName} columns are variable-width (offsets into a data buffer), and buffer items have one size: use FixedSizeBinary, or export the data bytes (vector.data[0].values) on their own`;
    case Type.Dictionary:
      return "a Dictionary column holds indices into a dictionary: export the indices (makeVector(vector.data[0].values)) or the dictionary, or decode the values first";
    case Type.Timestamp:
    case Type.Date:
    case Type.Time:
    case Type.Duration:
    case Type.Interval:
    case Type.Decimal:
      return `a ${typeName} column's numbers carry a unit or scale that no buffer format can say: export the raw numbers explicitly (makeVector(vector.data[0].values)) and keep the unit yourself`;
    default:
      return `a ${typeName} column is not fixed-width: only Int, Float, FixedSizeBinary and FixedSizeList of those export`;
  }
}

/** Arrow's own name of a type ("Utf8", "Timestamp<MILLISECOND>"...), or its id for an object that has none. */
function typeName(type: Fields): string {
  const typeId = type["typeId"];
  const byId = typeof typeId === "number" ? `type id ${typeId}` : "a type without a typeId";
  try {
    // Arrow's DataType classes name themselves; an array's own toString would
    // join every element (minutes for a length of 2**32 - 1).
    return Array.isArray(type) ? byId : String(type);
  } catch {
    return byId;
  }
}

/** The element type of an Int or Float column, by its bit width, signedness and precision. */
/** Int columns' element types by signedness and bit width; Float columns' by precision (HALF 0, SINGLE 1, DOUBLE 2: Arrow's Schema.fbs). */
const SIGNED_KINDS: Readonly<Record<number, ElementKind>> = { 8: "int8", 16: "int16", 32: "int32", 64: "int64" };
const UNSIGNED_KINDS: Readonly<Record<number, ElementKind>> = { 8: "uint8", 16: "uint16", 32: "uint32", 64: "uint64" };
const FLOAT_KINDS: Readonly<Record<number, ElementKind>> = { 0: "float16", 1: "float32", 2: "float64" };

function numericKind(type: Fields): ElementKind | null {
  const typeId = type["typeId"];
  if (typeId === Type.Int) {
    const bits = type["bitWidth"];
    const kinds = type["isSigned"] === true ? SIGNED_KINDS : UNSIGNED_KINDS;
    return typeof bits === "number" && Object.hasOwn(kinds, bits) ? kinds[bits]! : null;
  }
  if (typeId === Type.Float) {
    const precision = type["precision"];
    return typeof precision === "number" && Object.hasOwn(FLOAT_KINDS, precision) ? FLOAT_KINDS[precision]! : null;
  }
  return null;
}

function storageKind(kind: ElementKind): ElementKind {
  return kind === "float16" ? "uint16" : kind;
}

function checkNulls(data: Fields, nulls: NullPolicy): void {
  const count = data["nullCount"];
  if (nulls === "refuse" && typeof count === "number" && count > 0) {
    refuse(
      `the column has ${count} null${count === 1 ? "" : "s"}, and a buffer has no validity bitmap: ` +
        `fill them first, or pass { nulls: "values" } to export the value slots as they are`,
    );
  }
}

/** The items of one chunk (`Data`), with `length` items of the outermost dimension. */
export function columnLayout(data: Fields, nulls: NullPolicy, depth = 1): ColumnLayout {
  // Each FixedSizeList level is one dimension: a deeper chain (or a child that is its own parent) is no buffer.
  if (depth > MAX_NDIM) refuse(`the column nests more than ${MAX_NDIM} FixedSizeList levels, the maximum ndim of a buffer`);
  const type = asObject(data["type"], "apache-arrow Data type");
  const length = data["length"];
  if (!Number.isSafeInteger(length) || (length as number) < 0) refuse("the column's length is not a non-negative integer");
  checkNulls(data, nulls);
  const typeId = type["typeId"] as number;
  if (typeId === Type.FixedSizeList) {
    const size = type["listSize"];
    const children = data["children"];
    if (!Number.isSafeInteger(size) || (size as number) < 0 || !Array.isArray(children) || children.length !== 1) {
      refuse("a FixedSizeList column must have a list size and one child");
    }
    const child = columnLayout(asObject(children[0], "apache-arrow child Data"), nulls, depth + 1);
    const items = (length as number) * (size as number);
    if (child.shape[0]! < items) refuse(`the FixedSizeList's child has ${child.shape[0]} values, fewer than ${items}`);
    const { memory, byteOffset, length: childLength, format, itemsize } = child;
    return { memory, byteOffset, length: childLength, format, itemsize, shape: [length as number, size as number, ...child.shape.slice(1)] };
  }
  const values = typedArrayData(data["values"]);
  if (typeId === Type.FixedSizeBinary) {
    const width = type["byteWidth"];
    if (!Number.isSafeInteger(width) || (width as number) < 1 || values?.kind !== "uint8") {
      refuse("a FixedSizeBinary column must have a positive byte width and bytes as values");
    }
    if (values.length < (length as number) * (width as number)) refuse("the column's values are shorter than its length");
    return {
      memory: values.memory,
      byteOffset: values.byteOffset,
      length: Math.floor(values.length / (width as number)),
      format: `${width as number}s`,
      itemsize: width as number,
      shape: [length as number],
    };
  }
  const kind = numericKind(type);
  if (kind === null) refuse(refusal(typeId, typeName(type)));
  if (values === undefined || values.kind !== storageKind(kind)) refuse(`the ${kind} column's values are not a ${storageKind(kind)} TypedArray`);
  // The length comes from the data, never from the values, which builders over-allocate.
  if (values.length < (length as number)) refuse("the column's values are shorter than its length");
  return { memory: values.memory, byteOffset: values.byteOffset, length: values.length, format: kindFormat(kind), itemsize: kindItemsize(kind), shape: [length as number] };
}

/** The single chunk of a Vector, or a Data as it is. */
export function singleChunk(value: unknown): Fields {
  const object = asObject(value, "apache-arrow Vector or Data");
  const chunks = object["data"];
  if (!Array.isArray(chunks)) return object;
  if (chunks.length !== 1) {
    refuse(
      `the vector has ${chunks.length} chunks, and a buffer is one block of memory: ` +
        `export each chunk (toExporter(vector.data[i])), or copy them into one (makeVector(vector.toArray()))`,
    );
  }
  return asObject(chunks[0], "apache-arrow Data");
}
