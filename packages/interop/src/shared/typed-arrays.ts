/**
 * The TypedArray of each real element type, and the reverse: which element
 * type a TypedArray holds. Float16Array is looked up on the host, which
 * may not have it (Node.js before 24).
 *
 * @module
 */

import { typedArrayElements, typedArrayName, viewBuffer, viewByteOffset } from "@pybuffer/core/internal";
import type { ElementKind } from "./element-kinds.ts";

/** A TypedArray constructor over a memory block. */
type TypedArrayConstructor = new (memory: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView & {
  readonly length: number;
};

/** The host's Float16Array, when it has one. */
export function hostFloat16Array(): TypedArrayConstructor | undefined {
  return (globalThis as { Float16Array?: TypedArrayConstructor }).Float16Array;
}

const CONSTRUCTORS: Readonly<Partial<Record<ElementKind, TypedArrayConstructor>>> = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  float32: Float32Array,
  float64: Float64Array,
};

/** The TypedArray constructor holding `kind`, or `undefined` (bool, complex, or float16 on a host without it). */
export function typedArrayConstructor(kind: ElementKind): TypedArrayConstructor | undefined {
  return kind === "float16" ? hostFloat16Array() : CONSTRUCTORS[kind];
}

/** Why a library over TypedArrays cannot hold `kind`, or `null` when it can. */
export function typedArrayRefusal(kind: ElementKind): string | null {
  if (kind === "float16" && hostFloat16Array() === undefined) {
    return "format 'e' (float16) needs Float16Array, which this JavaScript host lacks (Node.js 24+ has it)";
  }
  if (kind === "bool") return "there is no boolean TypedArray; cast the buffer to 'B' (memoryview.cast) to read the bytes";
  return typedArrayConstructor(kind) === undefined ? `there is no TypedArray for ${kind}` : null;
}

/** A TypedArray's memory, read through the built-in getters (core's view window) so a look-alike object cannot lie about it. */
export interface TypedArrayData {
  readonly kind: ElementKind;
  readonly memory: ArrayBuffer | SharedArrayBuffer;
  readonly byteOffset: number;
  readonly length: number;
}

const KIND_BY_TAG: ReadonlyMap<string, ElementKind> = new Map<string, ElementKind>([
  ["Int8Array", "int8"],
  // A Uint8ClampedArray (and a Node.js Buffer) holds bytes: exported as 'B'.
  ["Uint8Array", "uint8"],
  ["Uint8ClampedArray", "uint8"],
  ["Int16Array", "int16"],
  ["Uint16Array", "uint16"],
  ["Int32Array", "int32"],
  ["Uint32Array", "uint32"],
  ["BigInt64Array", "int64"],
  ["BigUint64Array", "uint64"],
  ["Float16Array", "float16"],
  ["Float32Array", "float32"],
  ["Float64Array", "float64"],
]);

/** The element type and memory of a real TypedArray, or `undefined` for anything else. */
export function typedArrayData(data: unknown): TypedArrayData | undefined {
  const name = typedArrayName(data);
  const kind = name === undefined ? undefined : KIND_BY_TAG.get(name);
  if (kind === undefined) return undefined;
  const array = data as ArrayBufferView;
  return { kind, memory: viewBuffer(array, true), byteOffset: viewByteOffset(array, true), length: typedArrayElements(array) };
}
