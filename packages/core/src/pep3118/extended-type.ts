/**
 * The item types of PEP 3118's extended format grammar, as NumPy builds a
 * dtype from them (`numpy/_core/_internal.py`, `__dtype_from_pep3118`): a
 * scalar, a struct of named fields at byte offsets, or a sub-array.
 *
 * @module
 */

/**
 * What a scalar's bytes hold.
 *
 * - `bool`, `int`, `float` (`e f d`), `complex` (`Zf Zd`): numbers;
 * - `bytes`: `s` and `c` (NumPy's `S`), `length` bytes;
 * - `pascal`: `p`, a length byte then at most `length - 1` bytes;
 * - `ucs4`: `w` (NumPy's `U`), `length` UTF-32 code units;
 * - `ucs2`: `u`, `length` UTF-16 code units (PEP 3118; NumPy refuses it);
 * - `void`: `x`, `length` padding bytes (NumPy's `V`);
 * - `object`: `O`, a `PyObject *` that no JavaScript reader can follow.
 *
 * @example
 * ```ts
 * import { parseExtendedFormat, type ScalarKind } from "@pybuffer/core";
 * const type = parseExtendedFormat("3w");
 * const kind: ScalarKind | undefined = type.kind === "scalar" ? type.scalarKind : undefined; // "ucs4"
 * ```
 *
 * @since 0.1.0
 */
export type ScalarKind = "bool" | "int" | "float" | "complex" | "bytes" | "pascal" | "ucs4" | "ucs2" | "void" | "object";

/**
 * One scalar item: a format character with its byte order and size.
 *
 * @example
 * ```ts
 * import { parseExtendedFormat, type ScalarType } from "@pybuffer/core";
 * const type = parseExtendedFormat(">Zd") as ScalarType; // { kind: "scalar", code: "Zd", size: 16, ... }
 * ```
 *
 * @since 0.1.0
 */
export interface ScalarType {
  /** @since 0.1.0 */
  readonly kind: "scalar";
  /**
   * The format code: `?`, `b`, ..., `Zf`, `Zd`, `s`, `c`, `p`, `w`, `u`, `x`, `O`.
   *
   * @since 0.1.0
   */
  readonly code: string;
  /** @since 0.1.0 */
  readonly scalarKind: ScalarKind;
  /**
   * For `int`: signed.
   *
   * @since 0.1.0
   */
  readonly signed: boolean;
  /** @since 0.1.0 */
  readonly littleEndian: boolean;
  /**
   * For text and byte kinds, the count of units (the repeat count in the format); otherwise 1.
   *
   * @since 0.1.0
   */
  readonly length: number;
  /**
   * Bytes the item occupies.
   *
   * @since 0.1.0
   */
  readonly size: number;
  /**
   * NumPy's `dtype.alignment` of the scalar.
   *
   * @since 0.1.0
   */
  readonly alignment: number;
}

/**
 * A named field of a struct, at a byte offset from the struct's start.
 *
 * @example
 * ```ts
 * import { parseExtendedFormat, type StructType } from "@pybuffer/core";
 * (parseExtendedFormat("T{B:x:xxxi:y:}") as StructType).fields[1]!.offset; // 4
 * ```
 *
 * @since 0.1.0
 */
export interface StructField {
  /** @since 0.1.0 */
  readonly name: string;
  /** @since 0.1.0 */
  readonly offset: number;
  /** @since 0.1.0 */
  readonly type: ExtendedType;
}

/**
 * A struct (`T{...}`): fields in order, and its total size with padding.
 *
 * @example
 * ```ts
 * import { parseExtendedFormat, type StructType } from "@pybuffer/core";
 * (parseExtendedFormat("T{=i:a:(2)d:b:3s:c:}") as StructType).size; // 23
 * ```
 *
 * @since 0.1.0
 */
export interface StructType {
  /** @since 0.1.0 */
  readonly kind: "struct";
  /** @since 0.1.0 */
  readonly fields: readonly StructField[];
  /** @since 0.1.0 */
  readonly size: number;
}

/**
 * A sub-array: `shape` items of `base`, in C order (`(2,3)d`, or a repeat count `3i`).
 *
 * @example
 * ```ts
 * import { parseExtendedFormat, type SubarrayType } from "@pybuffer/core";
 * (parseExtendedFormat("(2,3)d") as SubarrayType).shape; // [2, 3]
 * ```
 *
 * @since 0.1.0
 */
export interface SubarrayType {
  /** @since 0.1.0 */
  readonly kind: "subarray";
  /** @since 0.1.0 */
  readonly base: ExtendedType;
  /** @since 0.1.0 */
  readonly shape: readonly number[];
  /** @since 0.1.0 */
  readonly size: number;
}

/**
 * An item type of the extended grammar.
 *
 * @example
 * ```ts
 * import { parseExtendedFormat, type ExtendedType } from "@pybuffer/core";
 * const type: ExtendedType = parseExtendedFormat("T{<h:a:}");
 * type.kind; // "struct"
 * ```
 *
 * @since 0.1.0
 */
export type ExtendedType = ScalarType | StructType | SubarrayType;

/**
 * The fewest bytes an item of `type` can occupy: where its last field ends.
 * NumPy's own exports disagree with the parsed size at the end of a struct
 * (`memoryview(arr).format` writes no trailing `x`, and parsing a `@` struct
 * adds alignment padding the array may not have), so an itemsize is checked
 * against this, not against `type.size`.
 *
 * @example
 * ```ts
 * import { minimumItemsize, parseExtendedFormat } from "@pybuffer/core";
 * const type = parseExtendedFormat("T{i:a:3x:b:}");
 * [type.size, minimumItemsize(type)]; // [8, 7]
 * ```
 *
 * @since 0.1.0
 */
export function minimumItemsize(type: ExtendedType): number {
  if (type.kind !== "struct") return type.size;
  let end = 0;
  for (const field of type.fields) end = Math.max(end, field.offset + field.type.size);
  return end;
}
