/**
 * A PEP 3118 format as the dtype NumPy makes of it
 * (`numpy._core._internal._dtype_from_pep3118`), through core's parser of
 * the extended grammar, and the link back from a dtype to core's item types.
 *
 * @module
 */

import { NotImplementedError, parseExtendedFormat, ValueError, type ExtendedType, type ScalarType } from "@pybuffer/core";
import { dtypeToDescr, subarrayOf, type Descr, type DType, type ScalarDType, type ScalarDTypeKind } from "./dtype.ts";

/**
 * The dtype NumPy builds from a PEP 3118 format, as its {@link Descr}.
 *
 * @throws ValueError / NotImplementedError / RuntimeError as NumPy's
 * `_dtype_from_pep3118` raises them (`p` is unknown to NumPy; `u`, `&`, `t`, `X` unrepresentable).
 * @example
 * ```ts
 * import { formatToDtype } from "@pybuffer/numpy";
 * formatToDtype("T{B:x:xxxi:y:}"); // [["x", "|u1"], ["", "|V3"], ["y", "<i4"]]
 * formatToDtype(">d"); // ">f8"
 * ```
 *
 * @since 0.1.0
 */
export function formatToDtype(format: string): Descr {
  return dtypeToDescr(dtypeOfFormat(format));
}

/** The resolved dtype of a format (top-level sub-arrays kept). Not exported from the package. */
export function dtypeOfFormat(format: string): DType {
  return fromExtendedType(parseExtendedFormat(format));
}

function fromExtendedType(type: ExtendedType): DType {
  switch (type.kind) {
    case "scalar":
      return fromScalar(type);
    case "subarray":
      return subarrayOf(fromExtendedType(type.base), type.shape);
    case "struct":
      return {
        kind: "struct",
        fields: type.fields.map((field) => ({ name: field.name, offset: field.offset, dtype: fromExtendedType(field.type) })),
        itemsize: type.size,
      };
  }
}

function fromScalar(type: ScalarType): ScalarDType {
  const make = (char: ScalarDTypeKind, alignment: number): ScalarDType => ({
    kind: "scalar",
    char,
    byteorder: char === "S" || char === "V" || (type.size <= 1 && char !== "U") ? "|" : type.littleEndian ? "<" : ">",
    itemsize: type.size,
    alignment,
  });
  switch (type.scalarKind) {
    case "bool":
      return make("b", 1);
    case "int":
      return make(type.signed ? "i" : "u", type.size);
    case "float":
      return make("f", type.size);
    case "complex":
      return make("c", type.size / 2);
    case "bytes":
      return make("S", 1);
    case "ucs4":
      return make("U", 4);
    case "void":
      return make("V", 1);
    case "ucs2":
      throw new NotImplementedError("Unrepresentable PEP 3118 data type 'u' (UCS-2 strings)");
    case "pascal":
      throw new ValueError("Unknown PEP 3118 data type specifier 'p'");
    case "object":
      throw new ValueError("Object arrays cannot be saved when allow_pickle=False");
  }
}

/** A dtype as core's item type, for reading items (datetimes as 8-byte integers). Not exported from the package. */
export function toExtendedType(dtype: DType): ExtendedType {
  switch (dtype.kind) {
    case "subarray":
      return { kind: "subarray", base: toExtendedType(dtype.base), shape: dtype.shape, size: dtype.itemsize };
    case "struct":
      return {
        kind: "struct",
        fields: dtype.fields.map((field) => ({ name: field.name, offset: field.offset, type: toExtendedType(field.dtype) })),
        size: dtype.itemsize,
      };
    case "scalar":
      return scalarType(dtype);
  }
}

function scalarType(dtype: ScalarDType): ScalarType {
  const littleEndian = dtype.byteorder !== ">";
  const base = { kind: "scalar" as const, littleEndian, size: dtype.itemsize, alignment: dtype.alignment, signed: false, length: 1 };
  switch (dtype.char) {
    case "b":
      return { ...base, code: "?", scalarKind: "bool" };
    case "i":
    case "u":
    case "M":
    case "m": {
      const signed = dtype.char !== "u";
      const code = (signed ? "bhiq" : "BHIQ")[Math.log2(dtype.itemsize)]!;
      return { ...base, code, scalarKind: "int", signed };
    }
    case "f":
      return { ...base, code: dtype.itemsize === 2 ? "e" : dtype.itemsize === 4 ? "f" : "d", scalarKind: "float", signed: true };
    case "c":
      return { ...base, code: dtype.itemsize === 8 ? "Zf" : "Zd", scalarKind: "complex", signed: true };
    case "S":
      return { ...base, code: "s", scalarKind: "bytes", length: dtype.itemsize };
    case "U":
      return { ...base, code: "w", scalarKind: "ucs4", length: dtype.itemsize / 4 };
    case "V":
      return { ...base, code: "x", scalarKind: "void", length: dtype.itemsize };
  }
}
