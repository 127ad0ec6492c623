/**
 * Built-in binary objects whose segment is their internal slots: instances
 * of a built-in prototype (Node's `Buffer` included). The bridge reads
 * their window through the built-in getters, so their bytes are taken
 * without calling any code of theirs (a getter of their own is never
 * asked), and stay where they are until their memory is detached (or
 * resized, when it can be).
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

/** Whether a value is a built-in binary object by its brand: a check that runs no code, where a Proxy's traps would. */
function isBinaryBrand(value: object): boolean {
  return ArrayBuffer.isView(value) || isMemoryBlock(value);
}

/** Whether `value` is an instance of a built-in binary prototype. */
export function isPlainInstance(value: object): boolean {
  return isBinaryBrand(value) && BUILTIN_PROTOTYPES.has(Object.getPrototypeOf(value));
}
