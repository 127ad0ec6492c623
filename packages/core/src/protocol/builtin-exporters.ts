/**
 * ECMAScript's binary types as exporters, without touching their prototypes.
 * A TypedArray answers like CPython's `array.array` (its closest relative:
 * a typed, writable, 1-D container); `ArrayBuffer`, `SharedArrayBuffer` and
 * `DataView` answer like `bytearray` (`PyBuffer_FillInfo` over bytes).
 * Both accept every request, SIMPLE|FORMAT included, as CPython's built-in
 * exporters do: neither `PyBuffer_FillInfo` (Objects/abstract.c; bytes,
 * bytearray) nor `array_buffer_getbuf` (Modules/arraymodule.c) refuses
 * FORMAT without ND.
 *
 * @module
 */

import { BufferError } from "../errors/python-errors.ts";
import { typedArrayName, type TypedArrayName } from "../internal/typed-array-tag.ts";
import { elementSize, isViewWindowGone, typedArrayElements, viewBuffer, viewByteLength, viewByteOffset } from "../internal/view-window.ts";
import type { MemoryBlock } from "./buffer-record.ts";
import { CoreRecord } from "./core-record.ts";
import { arrayBufferByteLength, blockByteLength, sharedByteLength } from "../internal/block-size.ts";
import { fillInfo } from "./fill-info.ts";
import { BufferFlags, requests } from "./flags.ts";
import { assertRequestFlags } from "./request-flags.ts";

/** The `struct` format each TypedArray exports. */
const TYPED_ARRAY_FORMATS: Readonly<Record<TypedArrayName, string>> = {
  Int8Array: "b",
  Uint8Array: "B",
  Uint8ClampedArray: "B",
  Int16Array: "h",
  Uint16Array: "H",
  Int32Array: "i",
  Uint32Array: "I",
  Float16Array: "e",
  Float32Array: "f",
  Float64Array: "d",
  BigInt64Array: "q",
  BigUint64Array: "Q",
};

/**
 * The format a TypedArray exports (`"d"` for a Float64Array), or undefined
 * for a DataView or anything else; what {@link builtinBuffer} would answer,
 * without making the record.
 */
export function typedArrayFormat(value: unknown): string | undefined {
  const name = typedArrayName(value);
  return name === undefined ? undefined : TYPED_ARRAY_FORMATS[name];
}

/**
 * Whether `value` is an ArrayBuffer from any realm (a brand check, not `instanceof`).
 *
 * @example
 * ```ts
 * import { isArrayBuffer } from "@pybuffer/core";
 * isArrayBuffer(new ArrayBuffer(1)); // true
 * isArrayBuffer(new Uint8Array(1)); // false
 * ```
 *
 * @since 0.1.0
 */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return blockBrand(value) === "ArrayBuffer";
}

/**
 * Whether `value` is a SharedArrayBuffer from any realm.
 *
 * @example
 * ```ts
 * import { isSharedArrayBuffer } from "@pybuffer/core";
 * isSharedArrayBuffer(new SharedArrayBuffer(1)); // true
 * ```
 *
 * @since 0.1.0
 */
export function isSharedArrayBuffer(value: unknown): value is SharedArrayBuffer {
  return blockBrand(value) === "SharedArrayBuffer";
}

/**
 * Whether `value` is a memory block (ArrayBuffer or SharedArrayBuffer) from any realm.
 *
 * @example
 * ```ts
 * import { isMemoryBlock } from "@pybuffer/core";
 * isMemoryBlock(new SharedArrayBuffer(1)); // true
 * isMemoryBlock(new DataView(new ArrayBuffer(1))); // false
 * ```
 *
 * @since 0.1.0
 */
export function isMemoryBlock(value: unknown): value is MemoryBlock {
  return isArrayBuffer(value) || isSharedArrayBuffer(value);
}

type BlockBrand = "ArrayBuffer" | "SharedArrayBuffer" | null;

/**
 * Brands found so far. A brand check calls a built-in getter that throws on
 * anything else, and a thrown exception costs microseconds; an object's
 * brand never changes, so each object pays it once.
 */
const brands = new WeakMap<object, BlockBrand>();

/** Which memory block `value` really is (any realm), by the getters that only accept one; null for anything else. */
function blockBrand(value: unknown): BlockBrand {
  if (typeof value !== "object" || value === null) return null;
  let brand = brands.get(value);
  if (brand === undefined) {
    brand = brandCheck(arrayBufferByteLength, value)
      ? "ArrayBuffer"
      : sharedByteLength !== undefined && brandCheck(sharedByteLength, value)
        ? "SharedArrayBuffer"
        : null;
    brands.set(value, brand);
  }
  return brand;
}

function brandCheck(getter: (this: unknown) => unknown, value: object): boolean {
  try {
    getter.call(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether `value` is one of the built-in exporters. */
export function isBuiltinExporter(value: unknown): value is MemoryBlock | ArrayBufferView {
  return ArrayBuffer.isView(value) || isMemoryBlock(value);
}

/** Whether a real block is detached; the public, checked entry is in arguments/memory-helpers.ts. */
export function isDetached(memory: MemoryBlock): boolean {
  if (blockByteLength(memory) !== 0 || isSharedArrayBuffer(memory)) return false;
  const detached = (memory as { detached?: boolean }).detached;
  if (typeof detached === "boolean") return detached;
  try {
    new DataView(memory);
    return false;
  } catch {
    return true;
  }
}

/** Immutable ArrayBuffers (a newer ECMAScript feature) export read-only. */
function isImmutable(memory: MemoryBlock): boolean {
  return (memory as { immutable?: boolean }).immutable === true;
}

/**
 * The record a built-in exporter gives for `flags`, or `undefined` when
 * `value` is not a built-in binary type.
 *
 * @throws BufferError when the memory is detached, or the view's window lies
 * outside its (shrunk) resizable buffer.
 */
export function builtinBuffer(value: unknown, flags: number): CoreRecord | undefined {
  if (ArrayBuffer.isView(value)) {
    // The window through the built-in getters: a view's own `byteOffset` (or a subclass's) cannot move it.
    const name = typedArrayName(value);
    const typed = name !== undefined;
    const memory = viewBuffer(value, typed);
    assertViewInBounds(value, memory, typed);
    if (!typed) {
      return fillInfo(value, memory, viewByteOffset(value, false), viewByteLength(value, false), isImmutable(memory), flags);
    }
    return typedArrayBuffer(value, name, memory, flags);
  }
  if (isMemoryBlock(value)) {
    const size = blockByteLength(value);
    if (size === 0 && isDetached(value)) throw new BufferError("cannot export a detached ArrayBuffer");
    return fillInfo(value, value, 0, size, isImmutable(value), flags);
  }
  return undefined;
}

/** `array_buffer_getbuf`: every field but shape, strides and format is always filled. */
function typedArrayBuffer(array: ArrayBufferView, name: TypedArrayName, memory: MemoryBlock, flags: number): CoreRecord {
  assertRequestFlags(flags);
  const readonly = isImmutable(memory);
  if (requests(flags, BufferFlags.WRITABLE) && readonly) throw new BufferError("Object is not writable.");
  const itemsize = elementSize(name);
  return new CoreRecord(
    array,
    memory,
    viewByteOffset(array, true),
    viewByteLength(array, true),
    itemsize,
    readonly,
    requests(flags, BufferFlags.FORMAT) ? TYPED_ARRAY_FORMATS[name] : null,
    1,
    requests(flags, BufferFlags.ND) ? [typedArrayElements(array)] : null,
    requests(flags, BufferFlags.STRIDES) ? [itemsize] : null,
    null,
    null,
  );
}

/** Refuses a view whose window of memory is gone (see {@link isViewWindowGone}). */
function assertViewInBounds(view: ArrayBufferView, memory: MemoryBlock, typed: boolean): void {
  if (isViewWindowGone(view, typed)) throw outOfBounds(view, memory);
}

function outOfBounds(view: ArrayBufferView, memory: MemoryBlock): BufferError {
  return isDetached(memory)
    ? new BufferError(`cannot export ${viewName(view)}: its ArrayBuffer is detached`)
    : new BufferError(`cannot export ${viewName(view)}: its window is outside its resized ArrayBuffer`);
}

function viewName(view: ArrayBufferView): string {
  return typedArrayName(view) ?? "DataView";
}
