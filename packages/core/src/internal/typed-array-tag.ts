/**
 * Classifies ArrayBuffer views by their `%TypedArray%.prototype[Symbol.toStringTag]`,
 * which names the base type for subclasses (a Node `Buffer` is a "Uint8Array")
 * and works across realms, where `instanceof` fails.
 *
 * @module
 */

const typedArrayPrototype: object = Object.getPrototypeOf(Uint8Array.prototype) as object;
const toStringTagGetter = Object.getOwnPropertyDescriptor(typedArrayPrototype, Symbol.toStringTag)!.get!;

/** Names of the TypedArray constructors, as their tag reports them. */
export type TypedArrayName =
  | "Int8Array"
  | "Uint8Array"
  | "Uint8ClampedArray"
  | "Int16Array"
  | "Uint16Array"
  | "Int32Array"
  | "Uint32Array"
  | "Float16Array"
  | "Float32Array"
  | "Float64Array"
  | "BigInt64Array"
  | "BigUint64Array";

/** The TypedArray kind of `value`, or `undefined` when it is not a TypedArray (a DataView is not). */
export function typedArrayName(value: unknown): TypedArrayName | undefined {
  return toStringTagGetter.call(value) as TypedArrayName | undefined;
}

/**
 * Whether `value` is a `Uint8Array` (or a subclass such as `Buffer`) from
 * any realm, by its internal brand: a prototype swapped in does not fool it.
 *
 * @example
 * ```ts
 * import { isUint8Array } from "@pybuffer/core/internal";
 * isUint8Array(new Uint8Array(2)); // true
 * isUint8Array(Object.setPrototypeOf(new Int16Array(2), Uint8Array.prototype)); // false
 * ```
 */
export function isUint8Array(value: unknown): value is Uint8Array {
  return typedArrayName(value) === "Uint8Array";
}
