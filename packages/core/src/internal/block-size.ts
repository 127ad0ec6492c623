/**
 * A memory block's size through the built-in getter of its brand
 * (`get ArrayBuffer.prototype.byteLength`, ECMA-262 25.1.6.1, or its
 * SharedArrayBuffer twin), never through a `byteLength` the block defines
 * of its own or a swapped prototype answers: every bounds check in core
 * reads a block's size here, so such a lie cannot make one pass.
 *
 * @module
 */

import type { MemoryBlock } from "../protocol/buffer-record.ts";

type Getter = (this: unknown) => number;

/** `get ArrayBuffer.prototype.byteLength`: it throws for anything but an ArrayBuffer, so it is also that brand's check. */
export const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength")!.get! as Getter;
const sharedArrayBufferPrototype: object | undefined = typeof SharedArrayBuffer === "function" ? SharedArrayBuffer.prototype : undefined;
/** The SharedArrayBuffer twin (absent on hosts without SharedArrayBuffer). */
export const sharedByteLength =
  sharedArrayBufferPrototype === undefined ? undefined : (Object.getOwnPropertyDescriptor(sharedArrayBufferPrototype, "byteLength")!.get! as Getter);

/**
 * The size of `memory`, a real ArrayBuffer or SharedArrayBuffer (0 once detached).
 *
 * @example
 * ```ts
 * import { blockByteLength } from "@pybuffer/core/internal";
 * const memory = new ArrayBuffer(8);
 * Object.defineProperty(memory, "byteLength", { value: 100 });
 * blockByteLength(memory); // 8
 * ```
 */
export function blockByteLength(memory: MemoryBlock): number {
  // Nearly every block is this realm's, with its own prototype: that prototype's getter accepts it.
  const prototype: unknown = Object.getPrototypeOf(memory);
  if (prototype === ArrayBuffer.prototype) return arrayBufferByteLength.call(memory);
  if (prototype === sharedArrayBufferPrototype) return sharedByteLength!.call(memory);
  // Another realm's block, or one whose prototype was swapped: the getter of the wrong brand throws.
  try {
    return arrayBufferByteLength.call(memory);
  } catch (error) {
    if (sharedByteLength === undefined) throw error;
    return sharedByteLength.call(memory);
  }
}
