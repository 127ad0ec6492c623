/**
 * Stable stand-ins for CPython's addresses, for `repr` (`id(base)`, `id(self)`
 * and memory-backed buffers' data pointers).
 *
 * @module
 */

import { PyTypeError } from "@pybuffer/core";
import { pythonTypeName } from "@pybuffer/core/internal";
const ids = new WeakMap<object, number>();
let nextId = 0x7f3a00001000;

/** FNV-1a over UTF-16 code units: equal strings are one object to JS, so they share an id. */
function textId(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return 0x7e0000000000 + hash * 0x10;
}

/**
 * Python's `id(x)`: a stable, address-like number for an object (the same
 * for the object's whole life) or a string (the same for equal strings).
 * `repr()` shows it in hex where CPython shows an address, and a
 * memory-backed buffer's data pointer is `objectId(memory) + byteOffset`.
 *
 * @example
 * ```ts
 * import { buffer, objectId } from "@pybuffer/legacy-buffer";
 * const base = new Uint8Array(4);
 * const b = buffer(base, 1);
 * b.repr() === `<read-only buffer for 0x${objectId(base).toString(16)}, size -1, offset 1 at 0x${objectId(b).toString(16)}>`; // true
 * ```
 *
 * @since 0.1.0
 */
export function objectId(value: object | string): number {
  if (typeof value === "string") return textId(value);
  if ((typeof value !== "object" && typeof value !== "function") || value === null) {
    throw new PyTypeError(`objectId() argument must be an object or a string, not '${pythonTypeName(value)}'`);
  }
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId;
    nextId += 0x40;
    ids.set(value, id);
  }
  return id;
}
