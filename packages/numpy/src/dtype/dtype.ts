/**
 * NumPy dtypes of fixed layout, as `.npy` headers describe them: the
 * `descr` of `numpy.lib.format.dtype_to_descr`, read back the way
 * `descr_to_dtype` does (numpy/lib/_format_impl.py), and written the way
 * NumPy's `dtype.descr` spells them.
 *
 * @module
 */

import { isPythonError, NotImplementedError, ValueError } from "@pybuffer/core";
import { pythonTypeName } from "@pybuffer/core/internal";
import { PyTuple, pythonRepr, type PyLiteral } from "../header/python-literal.ts";

/**
 * A NumPy dtype description, as `.npy` headers and `numpy.dtype()` take it:
 * a type string (`"<f8"`, `"|S3"`, `"<M8[ns]"`) or the fields of a structured
 * dtype, each `[name, descr]` or `[name, descr, shape]`; a name may be
 * `[title, name]`; a field named `""` of type `|V<n>` is padding.
 *
 * @example
 * ```ts
 * import type { Descr } from "@pybuffer/numpy";
 * const point: Descr = [["x", "<f8"], ["y", "<f8"], ["tag", "|S4", [2]]];
 * ```
 *
 * @since 0.1.0
 */
export type Descr = string | readonly DescrField[];

/**
 * One field of a structured {@link Descr}.
 *
 * @example
 * ```ts
 * import type { DescrField } from "@pybuffer/numpy";
 * const field: DescrField = ["b", "<f8", [2]];
 * ```
 *
 * @since 0.1.0
 */
export type DescrField =
  | readonly [name: string | readonly [title: string, name: string], descr: Descr]
  | readonly [name: string | readonly [title: string, name: string], descr: Descr, shape: readonly number[]];

/** The kind characters of the fixed-layout dtypes this package reads and writes. */
export type ScalarDTypeKind = "b" | "i" | "u" | "f" | "c" | "S" | "U" | "V" | "M" | "m";

/** A dtype's layout, resolved: sizes, byte order, field offsets. */
export type DType = ScalarDType | StructDType | SubarrayDType;

export interface ScalarDType {
  readonly kind: "scalar";
  readonly char: ScalarDTypeKind;
  /** `<`, `>` or `|` (not applicable). */
  readonly byteorder: "<" | ">" | "|";
  readonly itemsize: number;
  /** NumPy's `dtype.alignment`. */
  readonly alignment: number;
  /** datetime64/timedelta64 unit with its multiplier (`"ns"`, `"10s"`), `""` for generic, else undefined. */
  readonly unit?: string;
}

export interface StructDType {
  readonly kind: "struct";
  readonly fields: readonly { readonly name: string; readonly title?: string; readonly offset: number; readonly dtype: DType }[];
  readonly itemsize: number;
}

export interface SubarrayDType {
  readonly kind: "subarray";
  readonly base: DType;
  readonly shape: readonly number[];
  readonly itemsize: number;
}

const TYPESTR = /^([<>|=]?)([biufcSUVMm])(\d*)(?:\[(\d*)(Y|M|W|D|h|m|s|ms|us|μs|ns|ps|fs|as|generic)\])?$/;
const NUMERIC_SIZES: Readonly<Record<string, readonly number[]>> = { b: [1], i: [1, 2, 4, 8], u: [1, 2, 4, 8], f: [2, 4, 8], c: [8, 16] };
const MAX_ITEMSIZE = 2 ** 31 - 1;

function invalid(descr: unknown): ValueError {
  return new ValueError(`descr is not a valid dtype descriptor: ${reprOf(descr)}`);
}

/** NumPy's object dtype, `O` (pickles). */
const OBJECT_TYPESTR = /^[<>|=]?O\d*$/;

/**
 * Resolves a type string such as `<f8`, `|S3`, `<U2`, `>M8[ms]`.
 *
 * @throws ValueError for an object dtype ("Object arrays cannot be loaded when allow_pickle=False").
 * @throws NotImplementedError for long doubles (`f16`, `c32`), which JavaScript cannot hold.
 * @throws ValueError "descr is not a valid dtype descriptor: ..." otherwise.
 */
export function scalarFromTypestr(text: string): ScalarDType {
  if (OBJECT_TYPESTR.test(text)) throw new ValueError("Object arrays cannot be loaded when allow_pickle=False");
  const match = TYPESTR.exec(text);
  if (match === null) throw invalid(text);
  const [, order = "", char, digits = "", multiplier, unit] = match as unknown as [string, string, ScalarDTypeKind, string, string?, string?];
  const datetime = char === "M" || char === "m";
  if (unit !== undefined && !datetime) throw invalid(text);
  let itemsize: number;
  if (char === "S" || char === "U" || char === "V") {
    const count = digits === "" ? 0 : Number(digits);
    itemsize = char === "U" ? count * 4 : count;
    if (!Number.isSafeInteger(itemsize) || itemsize > MAX_ITEMSIZE) throw invalid(text);
  } else if (datetime) {
    if (digits !== "" && digits !== "8") throw invalid(text);
    itemsize = 8;
  } else {
    itemsize = digits === "" ? NUMERIC_SIZES[char]![NUMERIC_SIZES[char]!.length - 1]! : Number(digits);
    if ((char === "f" && itemsize > 8 && (itemsize === 12 || itemsize === 16)) || (char === "c" && (itemsize === 24 || itemsize === 32))) {
      throw new NotImplementedError(`dtype '${text}' (long double) has no JavaScript value`);
    }
    if (!NUMERIC_SIZES[char]!.includes(itemsize)) throw invalid(text);
  }
  const alignment = char === "S" || char === "V" ? 1 : char === "U" ? 4 : char === "c" ? itemsize / 2 : datetime ? 8 : itemsize;
  // '=', '|' and no prefix mean the host's order: little-endian on every supported platform.
  const byteorder = char === "S" || char === "V" || (itemsize <= 1 && char !== "U") ? "|" : order === ">" ? ">" : "<";
  return withUnit({ kind: "scalar", char, byteorder, itemsize, alignment }, multiplier, unit);
}

function withUnit(scalar: ScalarDType, multiplier: string | undefined, unit: string | undefined): ScalarDType {
  if (scalar.char !== "M" && scalar.char !== "m") return scalar;
  const text = unit === undefined || unit === "generic" ? "" : `${multiplier ?? ""}${unit === "μs" ? "us" : unit}`;
  return { ...scalar, unit: text };
}

/**
 * `descr_to_dtype`: a {@link Descr} resolved to its layout. Padding fields
 * (`""` of type `|V<n>`) are dropped and only move the offset.
 *
 * @throws ValueError "descr is not a valid dtype descriptor: ..." for anything malformed.
 */
export function descrToDType(descr: unknown): DType {
  try {
    return resolveDescr(descr, 0);
  } catch (error) {
    if (isPythonError(error)) throw error;
    // A Proxy or a getter somewhere in the description threw: it is no valid descriptor.
    throw new ValueError(`descr is not a valid dtype descriptor: ${pythonTypeName(descr)}`, { cause: error });
  }
}

function resolveDescr(descr: unknown, depth: number): DType {
  if (depth > 32) throw invalid(descr);
  if (typeof descr === "string") return scalarFromTypestr(descr);
  if (!Array.isArray(descr)) throw invalid(descr);
  const fields: { name: string; title?: string; offset: number; dtype: DType }[] = [];
  let offset = 0;
  for (const field of descr as unknown[]) {
    if (!Array.isArray(field) || (field.length !== 2 && field.length !== 3)) throw invalid(descr);
    const [rawName, sub, shape] = field as [unknown, unknown, unknown];
    let dtype = resolveDescr(sub, depth + 1);
    if (field.length === 3) dtype = subarrayOf(dtype, shapeOf(shape, descr));
    let name: string;
    let title: string | undefined;
    if (typeof rawName === "string") name = rawName;
    else if (Array.isArray(rawName) && rawName.length === 2 && typeof rawName[0] === "string" && typeof rawName[1] === "string") {
      [title, name] = rawName as [string, string];
    } else throw invalid(descr);
    const isPadding = name === "" && dtype.kind === "scalar" && dtype.char === "V";
    if (!isPadding) {
      if (name === "" || fields.some((f) => f.name === name)) throw invalid(descr);
      fields.push(title === undefined ? { name, offset, dtype } : { name, title, offset, dtype });
    }
    offset += dtype.itemsize;
    if (offset > MAX_ITEMSIZE) throw invalid(descr);
  }
  return { kind: "struct", fields, itemsize: offset };
}

function shapeOf(shape: unknown, descr: unknown): number[] {
  const items = typeof shape === "number" ? [shape] : Array.isArray(shape) ? shape : null;
  if (items === null || !items.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) throw invalid(descr);
  return items as number[];
}

/** A sub-array dtype; NumPy folds nested sub-arrays into one shape. */
export function subarrayOf(base: DType, shape: readonly number[]): DType {
  if (shape.length === 0) return base;
  const inner = base.kind === "subarray" ? base : null;
  const fullShape = inner === null ? [...shape] : [...shape, ...inner.shape];
  const itemsize = fullShape.reduce((p, n) => p * n, (inner?.base ?? base).itemsize);
  if (itemsize > MAX_ITEMSIZE) throw new ValueError("invalid shape in fixed-type tuple: dtype size in bytes must fit into a C int.");
  return { kind: "subarray", base: inner?.base ?? base, shape: fullShape, itemsize };
}

/** NumPy's `dtype.str` of a scalar (`<f8`, `|S3`, `<M8[ns]`). */
export function typestrOf(scalar: ScalarDType): string {
  const count = scalar.char === "U" ? scalar.itemsize / 4 : scalar.itemsize;
  const unit = scalar.unit === undefined || scalar.unit === "" ? "" : `[${scalar.unit}]`;
  const order = scalar.char === "U" ? scalar.byteorder === ">" ? ">" : "<" : scalar.byteorder;
  return `${order}${scalar.char}${count}${unit}`;
}

/**
 * `dtype_to_descr`: the {@link Descr} NumPy writes for a dtype (`dtype.str`
 * for a plain one, `dtype.descr` for a structured one, with `("", "|V<n>")`
 * for every gap).
 */
export function dtypeToDescr(dtype: DType): Descr {
  if (dtype.kind === "scalar") return typestrOf(dtype);
  if (dtype.kind === "subarray") return `|V${dtype.itemsize}`;
  const fields: DescrField[] = [];
  let offset = 0;
  for (const field of dtype.fields) {
    if (field.offset > offset) fields.push(["", `|V${field.offset - offset}`]);
    const name = field.title === undefined ? field.name : ([field.title, field.name] as const);
    if (field.dtype.kind === "subarray") fields.push([name, dtypeToDescr(field.dtype.base), field.dtype.shape]);
    else fields.push([name, dtypeToDescr(field.dtype)]);
    offset = field.offset + field.dtype.itemsize;
  }
  if (dtype.itemsize > offset) fields.push(["", `|V${dtype.itemsize - offset}`]);
  return fields;
}

/** A {@link Descr} as the Python literal NumPy writes in a header. */
export function descrLiteral(descr: Descr): PyLiteral {
  if (typeof descr === "string") return descr;
  return descr.map((field) => {
    const name: PyLiteral = typeof field[0] === "string" ? field[0] : new PyTuple([field[0][0], field[0][1]]);
    const items: PyLiteral[] = [name, descrLiteral(field[1])];
    if (field.length === 3) items.push(new PyTuple(field[2].map((n) => BigInt(n))));
    return new PyTuple(items);
  });
}

/** A header's descr literal as a {@link Descr} (tuples become arrays, ints numbers). */
export function literalDescr(literal: PyLiteral): unknown {
  if (literal instanceof PyTuple) return literal.items.map(literalDescr);
  if (Array.isArray(literal)) return literal.map(literalDescr);
  if (typeof literal === "bigint") return Number.isSafeInteger(Number(literal)) ? Number(literal) : NaN;
  return literal;
}

/** The most items of one list an error message shows. */
const MAX_REPR_ITEMS = 64;

function reprOf(value: unknown): string {
  const toLiteral = (v: unknown): PyLiteral => {
    // A descriptor longer than any dtype NumPy builds is summarized, not walked
    // (an array claiming 2**32 - 1 items would take minutes to print).
    if (Array.isArray(v)) return v.length > MAX_REPR_ITEMS ? `<list of ${v.length} items>` : new PyTuple(v.map(toLiteral));
    if (typeof v === "number") return BigInt(Number.isSafeInteger(v) ? v : 0);
    if (typeof v === "string" || typeof v === "boolean" || v === null || typeof v === "bigint") return v;
    try {
      return String(v);
    } catch {
      return pythonTypeName(v);
    }
  };
  return pythonRepr(toLiteral(value));
}
