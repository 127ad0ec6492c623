/**
 * An ArrayBufferView's memory and window, read through the built-in getters
 * (`%TypedArray%.prototype` and `DataView.prototype`, ECMA-262 23.2.3 and
 * 25.3.4), never through the view's own properties: a `buffer`,
 * `byteOffset`, `byteLength`, `length` or `BYTES_PER_ELEMENT` that a program
 * defines on a view (or on a subclass) cannot make a consumer read bytes
 * outside the view's window, or describe them with the wrong item size.
 *
 * Whether the window is gone: a TypedArray over a detached buffer, or a
 * fixed-length one whose window a resize cut off, reports length 0 instead
 * of failing (its `at` throws); a DataView's `byteLength` getter throws for
 * both.
 *
 * @module
 */

import type { MemoryBlock } from "../protocol/buffer-record.ts";
import { typedArrayName, type TypedArrayName } from "./typed-array-tag.ts";

type Getter = (this: unknown) => unknown;

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;

function intrinsicGetter(prototype: object, name: string): Getter {
  return Object.getOwnPropertyDescriptor(prototype, name)!.get! as Getter;
}

const typedArrayBuffer = intrinsicGetter(typedArrayPrototype, "buffer");
const typedArrayByteOffset = intrinsicGetter(typedArrayPrototype, "byteOffset");
const typedArrayByteLength = intrinsicGetter(typedArrayPrototype, "byteLength");
const typedArrayLength = intrinsicGetter(typedArrayPrototype, "length");
const dataViewBuffer = intrinsicGetter(DataView.prototype, "buffer");
const dataViewByteOffset = intrinsicGetter(DataView.prototype, "byteOffset");
const dataViewByteLength = intrinsicGetter(DataView.prototype, "byteLength");
/** `%TypedArray%.prototype.at` validates the array first (ValidateTypedArray) and looks up no constructor. */
const typedArrayAt = (typedArrayPrototype as { at: (this: unknown, index: number) => unknown }).at;

/** Bytes per element of each TypedArray, by its tag: never the instance's own `BYTES_PER_ELEMENT`. */
const ELEMENT_SIZES: Readonly<Record<TypedArrayName, number>> = {
  Int8Array: 1,
  Uint8Array: 1,
  Uint8ClampedArray: 1,
  Int16Array: 2,
  Uint16Array: 2,
  Int32Array: 4,
  Uint32Array: 4,
  Float16Array: 2,
  Float32Array: 4,
  Float64Array: 8,
  BigInt64Array: 8,
  BigUint64Array: 8,
};

/** The memory block under `view`. */
export function viewBuffer(view: ArrayBufferView, typed: boolean = typedArrayName(view) !== undefined): MemoryBlock {
  return (typed ? typedArrayBuffer : dataViewBuffer).call(view) as MemoryBlock;
}

/** Where `view`'s window starts in its block (0 once the window is gone). */
export function viewByteOffset(view: ArrayBufferView, typed: boolean = typedArrayName(view) !== undefined): number {
  return (typed ? typedArrayByteOffset : dataViewByteOffset).call(view) as number;
}

/**
 * The bytes in `view`'s window (a TypedArray's is 0 once the window is
 * gone).
 *
 * @throws TypeError for a DataView whose window is gone (see {@link isViewWindowGone}).
 */
export function viewByteLength(view: ArrayBufferView, typed: boolean = typedArrayName(view) !== undefined): number {
  return (typed ? typedArrayByteLength : dataViewByteLength).call(view) as number;
}

/** The elements of a TypedArray (0 once its window is gone). */
export function typedArrayElements(array: ArrayBufferView): number {
  return typedArrayLength.call(array) as number;
}

/** Bytes per element of the TypedArray named `name`. */
export function elementSize(name: TypedArrayName): number {
  return ELEMENT_SIZES[name];
}

/** True when `view`'s memory was detached, or resized so its window is cut off. */
export function isViewWindowGone(view: ArrayBufferView, typed: boolean = typedArrayName(view) !== undefined): boolean {
  let byteLength: number;
  try {
    byteLength = viewByteLength(view, typed);
  } catch {
    return true;
  }
  if (byteLength !== 0 || !typed) return false;
  try {
    typedArrayAt.call(view, 0);
  } catch {
    return true;
  }
  return false;
}
