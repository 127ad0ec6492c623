/**
 * New byte arrays that are about to be overwritten completely. JavaScript
 * zero-fills every new buffer, which costs as much as the copy that follows
 * it (more, for large buffers: fresh zeroed pages fault in one by one). A
 * host with an unzeroed allocator (Node's, Bun's and Deno's
 * `Buffer.allocUnsafeSlow`: unpooled, so the buffer is the caller's alone)
 * saves that; core only detects it, and elsewhere falls back to plain
 * allocation. The caller writes every byte before anyone else sees the
 * array, so old memory never shows through.
 *
 * @module
 */

import { BufferError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import type { MemoryBlock } from "../protocol/buffer-record.ts";
import { bytesViewOf } from "./data-view-cache.ts";
import { assertLiveBytes } from "./live-bytes.ts";
import { pythonTypeName } from "./python-type-name.ts";
import { allocateBytes, assertListSize, MAX_BYTES } from "./result-limits.ts";
import { typedArrayElements } from "./view-window.ts";

/** Below this many bytes allocation costs the same either way; plain `new Uint8Array` keeps it simple. */
const UNZEROED_THRESHOLD = 64 * 1024;

const HostBuffer = (globalThis as { Buffer?: { allocUnsafeSlow?(size: number): Uint8Array } }).Buffer;
const allocUnsafeSlow =
  typeof HostBuffer?.allocUnsafeSlow === "function" ? (size: number) => HostBuffer.allocUnsafeSlow!(size) : undefined;

/**
 * A new `Uint8Array` of `length` bytes (a plain one, over its own
 * ArrayBuffer of exactly that size) whose every byte the caller will write
 * before anyone else sees it: its bytes may be old memory until then.
 *
 * @example
 * ```ts
 * import { bytesToOverwrite } from "@pybuffer/core/internal";
 * const out = bytesToOverwrite(3);
 * out.set([1, 2, 3]); // every byte written: Uint8Array [1, 2, 3]
 * ```
 * @throws MemoryError past the largest buffer the library or the engine makes.
 */
export function bytesToOverwrite(length: number): Uint8Array {
  if (allocUnsafeSlow === undefined || length < UNZEROED_THRESHOLD) return allocateBytes(length, zeroed);
  return new Uint8Array(allocateBytes(length, allocUnsafeSlow).buffer, 0, length);
}

function zeroed(length: number): Uint8Array {
  return new Uint8Array(length);
}

/**
 * A copy of `bytes` in a new, unshared buffer: what `bytes.slice()` gives,
 * without zero-filling large copies first (see the module notes).
 *
 * @example
 * ```ts
 * import { copyOfBytes } from "@pybuffer/core/internal";
 * const source = new Uint8Array([1, 2, 3]);
 * const copy = copyOfBytes(source.subarray(1)); // Uint8Array [2, 3], its own buffer
 * copy.buffer === source.buffer; // false
 * ```
 * @throws PyTypeError for anything but a `Uint8Array`; BufferError when its memory is gone.
 */
export function copyOfBytes(bytes: Uint8Array): Uint8Array {
  assertLiveBytes(bytes, "copyOfBytes", "bytes");
  // Its length through the built-in getter, as `set` reads it: an own `length` could leave bytes unwritten.
  const length = typedArrayElements(bytes);
  if (allocUnsafeSlow === undefined || length < UNZEROED_THRESHOLD) return bytes.slice();
  const copy = bytesToOverwrite(length);
  copy.set(bytes);
  return copy;
}

/**
 * The bytes of every part, one after another, in a new, unshared buffer
 * (large results without a zero-fill first).
 *
 * @example
 * ```ts
 * import { concatBytes } from "@pybuffer/core/internal";
 * concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])]); // Uint8Array [1, 2, 3]
 * ```
 * @throws MemoryError when the total is past the largest ArrayBuffer the engine can make.
 * @throws PyTypeError when `parts` is not an array of `Uint8Array`s; BufferError when a part's memory is gone.
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const [checked, length] = checkedParts(parts);
  // Past MAX_BYTES this raises MemoryError before anything is copied.
  const result = bytesToOverwrite(length);
  let offset = 0;
  for (const part of checked) {
    result.set(part, offset);
    offset += typedArrayElements(part);
  }
  return result;
}

/**
 * The parts, read once into a fresh array and each checked, and their
 * total length. The walk stops once the total is past MAX_BYTES (the
 * result is refused then anyway).
 */
function checkedParts(parts: unknown): [parts: Uint8Array[], total: number] {
  let length: number;
  try {
    if (!Array.isArray(parts)) throw new PyTypeError(`concatBytes() argument 'parts' must be an array, not '${pythonTypeName(parts)}'`);
    length = parts.length;
  } catch (error) {
    if (error instanceof PyTypeError) throw error;
    throw new PyTypeError(`concatBytes() argument 'parts' cannot be read: ${pythonTypeName(parts)}`, { cause: error });
  }
  // No heap holds more parts than this (a Proxy may claim 2**32 - 1): refused before the walk.
  assertListSize(length, "concatBytes");
  const checked: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < length; i++) {
    let part: unknown;
    try {
      part = (parts as unknown[])[i];
    } catch (error) {
      throw new PyTypeError(`concatBytes() argument 'parts' cannot be read at ${i}`, { cause: error });
    }
    assertLiveBytes(part, "concatBytes", `parts[${i}]`);
    checked.push(part);
    total += typedArrayElements(part); // never its own `length` (see copyOfBytes)
    if (total > MAX_BYTES) break;
  }
  return [checked, total];
}

/**
 * A copy of the `length` bytes at `offset` in `memory`, in a new, unshared
 * buffer: what `new Uint8Array(memory, offset, length).slice()` gives,
 * without making that view first (a cached view of the whole block is
 * sliced; the view costs a tenth of a 1 KB copy) and without zero-filling
 * large copies (see the module notes).
 *
 * @example
 * ```ts
 * import { copyOfBlockRange } from "@pybuffer/core/internal";
 * const memory = new Uint8Array([1, 2, 3, 4]).buffer;
 * copyOfBlockRange(memory, 1, 2); // Uint8Array [2, 3], its own buffer
 * ```
 * @throws PyTypeError when `memory` is not an ArrayBuffer or SharedArrayBuffer.
 * @throws BufferError when the range is not inside the block's live memory
 * (detached, or resized below it); ValueError for a bound that is not a non-negative integer.
 */
export function copyOfBlockRange(memory: MemoryBlock, offset: number, length: number): Uint8Array {
  const whole = bytesViewOf(memory);
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new ValueError(`copyOfBlockRange: offset and length must be non-negative integers, not ${String(offset)} and ${String(length)}`);
  }
  // A view of a detached block has length 0; a length-tracking one follows a resize.
  if (offset + length > whole.length) {
    throw new BufferError(`the buffer's memory is gone: ${length} bytes at offset ${offset} are outside its memory, now ${whole.length} bytes`);
  }
  if (length === 0) return new Uint8Array(0); // slice would throw on a detached block; nothing is read
  if (allocUnsafeSlow === undefined || length < UNZEROED_THRESHOLD) return whole.slice(offset, offset + length);
  const copy = bytesToOverwrite(length);
  copy.set(whole.subarray(offset, offset + length));
  return copy;
}
