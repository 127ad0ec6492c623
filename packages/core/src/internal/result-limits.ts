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
 * `new Uint8Array(length)` (or the host's unzeroed allocator), with the
 * engine's RangeError for a size past the largest ArrayBuffer it can make
 * raised as MemoryError.
 */
export function allocateBytes(length: number, allocate: (length: number) => Uint8Array): Uint8Array {
  try {
    return allocate(length);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new MemoryError(`cannot allocate ${length} bytes: past the largest ArrayBuffer this engine can make`, { cause: error });
    }
    throw error;
  }
}
