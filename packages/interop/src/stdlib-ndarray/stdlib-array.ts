/**
 * The part of an `@stdlib/ndarray` array the bridge reads, and its data
 * types mapped to element types.
 *
 * @module
 */

import type { ElementKind } from "../shared/element-kinds.ts";

/**
 * An `@stdlib/ndarray` array, as far as the bridge uses it (strides and
 * offset in elements, as stdlib keeps them).
 *
 * @example
 * ```ts
 * import array from "@stdlib/ndarray/array/lib/index.js";
 * import type { StdlibNdarray } from "@pybuffer/interop/stdlib-ndarray";
 * const x: StdlibNdarray = array(new Float64Array([1, 2, 3, 4]), { shape: [2, 2] });
 * ```
 *
 * @since 0.1.0
 */
export interface StdlibNdarray {
  /** @since 0.1.0 */
  readonly dtype: unknown;
  /** @since 0.1.0 */
  readonly data: unknown;
  /** @since 0.1.0 */
  readonly shape: readonly number[];
  /** @since 0.1.0 */
  readonly strides: readonly number[];
  /** @since 0.1.0 */
  readonly offset: number;
  /** @since 0.1.0 */
  readonly order: string;
  /** @since 0.1.0 */
  readonly flags: { readonly READONLY?: boolean };
  /** @since 0.1.0 */
  get(...indices: number[]): unknown;
  /** @since 0.1.0 */
  set(...indicesAndValue: unknown[]): unknown;
}

/** stdlib's data type of each element type it can hold in memory (float16 is not implemented in 0.4). */
export const STDLIB_DTYPES: Readonly<Partial<Record<ElementKind, string>>> = {
  int8: "int8",
  uint8: "uint8",
  int16: "int16",
  uint16: "uint16",
  int32: "int32",
  uint32: "uint32",
  float32: "float32",
  float64: "float64",
  bool: "bool",
  complex64: "complex64",
  complex128: "complex128",
};

/** Element types of the stdlib data types whose arrays are not TypedArrays (they wrap one's memory). */
export const WRAPPED_DTYPES: ReadonlyMap<string, ElementKind> = new Map<string, ElementKind>([
  ["bool", "bool"],
  ["complex64", "complex64"],
  ["complex128", "complex128"],
]);
