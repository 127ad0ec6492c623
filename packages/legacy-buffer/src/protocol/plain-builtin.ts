/**
 * Built-in binary objects whose segment is their internal slots: instances
 * of a built-in prototype (Node's `Buffer` included) with no getter of
 * their own over the ones the bridge reads. Their bytes can be taken
 * without calling any code of theirs, and stay where they are until their
 * memory is detached (or resized, when it can be).
 *
 * @module
 */

import { isMemoryBlock } from "@pybuffer/core";

const BUFFER_PROTOTYPE = (globalThis as { Buffer?: { prototype: object } }).Buffer?.prototype;

/** Prototypes whose instances' segments are their internal slots. */
const BUILTIN_PROTOTYPES: ReadonlySet<unknown> = new Set<unknown>([
  ...[Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array]
    .map((type) => type.prototype),
  BigInt64Array.prototype,
  BigUint64Array.prototype,
  DataView.prototype,
  ArrayBuffer.prototype,
  SharedArrayBuffer.prototype,
  ...(BUFFER_PROTOTYPE === undefined ? [] : [BUFFER_PROTOTYPE]),
]);

/** Whether `value` defines its own `buffer`, `byteOffset` or `byteLength` (an ArrayBuffer's own `byteLength` is code the bridge would run). */
function hasOwnSegmentGetter(value: object): boolean {
  return Object.hasOwn(value, "buffer") || Object.hasOwn(value, "byteOffset") || Object.hasOwn(value, "byteLength");
}

/** Whether a value is a built-in binary object by its brand: a check that runs no code, where a Proxy's traps would. */
function isBinaryBrand(value: object): boolean {
  return ArrayBuffer.isView(value) || isMemoryBlock(value);
}

/** Whether `value` is an instance of a built-in binary prototype with none of the bridge's getters of its own. */
export function isPlainInstance(value: object): boolean {
  return isBinaryBrand(value) && BUILTIN_PROTOTYPES.has(Object.getPrototypeOf(value)) && !hasOwnSegmentGetter(value);
}
