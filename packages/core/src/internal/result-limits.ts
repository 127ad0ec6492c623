/**
 * The largest results this library builds, checked before anything is
 * allocated. CPython raises `MemoryError` when an allocation fails; a
 * JavaScript engine instead throws a bare RangeError (an ArrayBuffer or an
 * Array too large), a plain Error (a string too long) or, for a nested
 * array that fills the heap, aborts the whole process, which nothing can
 * catch. So results whose size is known in advance are refused up front
 * with `MemoryError`, the limit stated.
 *
 * @module
 */

import { MemoryError } from "../errors/python-errors.ts";

/**
 * The most items `toList` builds: 2**27 (a packed array of them is 1 GiB
 * of heap, the most a default Node heap reliably holds next to the rest).
 */
export const MAX_LIST_ITEMS = 2 ** 27;

/** V8's `String::kMaxLength` on 64-bit hosts (2**29 - 24), the longest string it can make. */
export const MAX_STRING_LENGTH = 2 ** 29 - 24;

/** Throws MemoryError when a list of `count` items is more than {@link MAX_LIST_ITEMS}. */
export function assertListSize(count: number, what: string): void {
  if (count > MAX_LIST_ITEMS) {
    throw new MemoryError(`${what}: ${count} items exceed the ${MAX_LIST_ITEMS} a list can hold in a JavaScript heap`);
  }
}

/** Throws MemoryError when a string of `length` characters is longer than {@link MAX_STRING_LENGTH}. */
export function assertStringLength(length: number, what: string): void {
  if (length > MAX_STRING_LENGTH) {
    throw new MemoryError(`${what}: a string of ${length} characters exceeds the engine's limit of ${MAX_STRING_LENGTH}`);
  }
}

/**
 * The largest byte result this library builds: 2**32 bytes (4 GiB), the
 * largest ArrayBuffer Node 20's V8 makes. Newer engines make larger ones
 * (Node 24's, up to 2**53 - 1 bytes, reserved lazily), and filling one of
 * 16 GiB from a broadcast view would exhaust the machine rather than fail:
 * one limit on every engine keeps `MemoryError` an answer, not a crash.
 */
export const MAX_BYTES = 2 ** 32;

/**
 * `new Uint8Array(length)` (or the host's unzeroed allocator): past
 * {@link MAX_BYTES}, or past the largest ArrayBuffer the engine can make
 * (its RangeError), a MemoryError.
 */
export function allocateBytes(length: number, allocate: (length: number) => Uint8Array): Uint8Array {
  if (length > MAX_BYTES) {
    throw new MemoryError(`cannot allocate ${length} bytes: past the ${MAX_BYTES} bytes this library builds at most`);
  }
  try {
    return allocate(length);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new MemoryError(`cannot allocate ${length} bytes: past the largest ArrayBuffer this engine can make`, { cause: error });
    }
    throw error;
  }
}
