/**
 * `MemoryView#copyInto`: the view's bytes in a given order, written into a
 * caller's writable buffer instead of a new one. It is CPython's C-API
 * `PyBuffer_ToContiguous(buf, view, len, order)` (Objects/abstract.c) with
 * the destination taken as `io`'s `readinto(b)` takes it (the `w*` argument
 * code: a read-write, C-contiguous bytes-like object), and C's undefined
 * cases (a short or overlapping destination) turned into defined behaviour.
 *
 * @module
 */

import { BufferError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { writableByteArray, writableBytes } from "../arguments/bytes-argument.ts";
import { argumentTypeName } from "../internal/python-type-name.ts";
import type { AbiName } from "../format/abi.ts";
import type { BufferRecord } from "../protocol/buffer-record.ts";
import { isDetached, isMemoryBlock } from "../protocol/builtin-exporters.ts";
import { isContiguous, type ContiguityOrder } from "../protocol/contiguity.ts";
import { toContiguous } from "../protocol/contiguous-copy.ts";

/**
 * Copies the view's items in `order` to the start of `target`'s bytes and
 * returns how many bytes were written. `source` is the view's bytes as they
 * lie when it is contiguous in the order asked (one `set`), else its record,
 * whose items `toContiguous` gathers. Checks run as Argument Clinic and the
 * body would: the target, then the order, then the room. A target whose
 * memory is the view's own is written as if the view had been read whole
 * first (`memmove`, not C's overlapping `memcpy`).
 *
 * @throws BufferError when the target's memory is gone (a detached
 * ArrayBuffer), or "destination is too small to receive data from source"
 * (`PyObject_CopyData`'s words) when it holds fewer bytes than the view.
 * @throws PyTypeError "copyInto() argument 1 must be read-write bytes-like
 * object, not X", or for an `order` that is not a string or null.
 * @throws ValueError "order must be 'C', 'F' or 'A'".
 */
export function copyViewInto(source: Uint8Array | BufferRecord, target: unknown, order: unknown, abi: AbiName): number {
  // The commonest call, bytes as they lie into a plain Uint8Array: the same
  // checks in the same order, without a window to make and release.
  const plainTarget = source instanceof Uint8Array ? writableByteArray(target) : undefined;
  if (plainTarget !== undefined) {
    orderArgument(order);
    const bytes = source as Uint8Array;
    if (plainTarget.length < bytes.length) throw new BufferError("destination is too small to receive data from source");
    plainTarget.set(bytes);
    return bytes.length;
  }
  assertTargetMemory(target);
  const window = writableBytes(target, { functionName: "copyInto", position: 1 });
  try {
    const resolved = orderArgument(order);
    const length = source instanceof Uint8Array ? source.length : source.len;
    if (window.length < length) throw new BufferError("destination is too small to receive data from source");
    // TypedArray#set copies an overlapping source as if through a temporary;
    // a gather over the target's own memory reads a fresh copy instead.
    if (source instanceof Uint8Array) {
      new Uint8Array(window.memory, window.offset, length).set(source);
      return length;
    }
    const into = new Uint8Array(window.memory, window.offset, length);
    if (window.memory === source.memory && !isContiguous(source, resolved)) into.set(toContiguous(source, resolved, undefined, { abi }));
    else toContiguous(source, resolved, into, { abi });
    return length;
  } finally {
    window.release();
  }
}

/** `tobytes()`'s `order` argument: a str or None, then one of 'C', 'F', 'A' (`memory_tobytes_impl`). */
function orderArgument(order: unknown): ContiguityOrder {
  if (order !== null && typeof order !== "string") {
    throw new PyTypeError(`copyInto() argument 'order' must be str or None, not ${argumentTypeName(order)}`);
  }
  const resolved = order ?? "C";
  if (resolved !== "C" && resolved !== "F" && resolved !== "A") throw new ValueError("order must be 'C', 'F' or 'A'");
  return resolved;
}

/** A target over a detached ArrayBuffer is memory that is gone, not a type error. */
function assertTargetMemory(target: unknown): void {
  const memory = ArrayBuffer.isView(target) ? target.buffer : isMemoryBlock(target) ? target : undefined;
  if (memory !== undefined && isDetached(memory)) {
    throw new BufferError("copyInto: the target's memory is gone (its ArrayBuffer is detached)");
  }
}
