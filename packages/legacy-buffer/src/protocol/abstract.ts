/**
 * The abstract object buffer API of CPython 2.7's Objects/abstract.c:
 * `PyObject_AsReadBuffer`, `PyObject_AsCharBuffer`, `PyObject_AsWriteBuffer`
 * and `PyObject_CheckReadBuffer`. They work on anything with a slot table:
 * old-protocol exporters, strings (as Python 2 `unicode`), and new-protocol
 * exporters through the bridge.
 *
 * @module
 */

import { PyTypeError } from "@pybuffer/core";
import { segmentBytes } from "./segment.ts";
import { segmentCount, slotsOf, type SegmentSlot, type SlotTable } from "./slots.ts";

function singleSegment(obj: unknown, pick: (slots: SlotTable) => SegmentSlot | undefined, missing: string): Uint8Array {
  const slots = slotsOf(obj);
  const slot = slots === null ? undefined : pick(slots);
  if (slots === null || slot === undefined || slots.count === undefined) throw new PyTypeError(missing);
  if (segmentCount(slots) !== 1) throw new PyTypeError("expected a single-segment buffer object");
  return segmentBytes(slot(0));
}

/**
 * `PyObject_AsReadBuffer(obj, &ptr, &len)`: the bytes of `obj`'s only
 * segment, through its read slot, as a view (not a copy). A string gives its
 * UTF-16LE code units (a fresh copy).
 *
 * @throws PyTypeError "expected a readable buffer object", "expected a
 * single-segment buffer object" (also when the segment count fails); the
 * slot's own errors.
 * @example
 * ```ts
 * import { asReadBuffer } from "@pybuffer/legacy-buffer";
 * asReadBuffer("hi"); // Uint8Array [104, 0, 105, 0]
 * asReadBuffer(new Uint16Array([1])); // Uint8Array [1, 0]
 * ```
 *
 * @since 0.1.0
 */
export function asReadBuffer(obj: unknown): Uint8Array {
  return singleSegment(obj, (slots) => slots.read, "expected a readable buffer object");
}

/**
 * `PyObject_AsCharBuffer(obj, &ptr, &len)`: like {@link asReadBuffer},
 * through the char slot (a string gives its ASCII encoding).
 *
 * @throws PyTypeError "expected a string or other character buffer object",
 * "expected a single-segment buffer object"; the slot's own errors
 * (UnicodeEncodeError for a string outside ASCII).
 * @example
 * ```ts
 * import { asCharBuffer } from "@pybuffer/legacy-buffer";
 * asCharBuffer("hi"); // Uint8Array [104, 105]
 * ```
 *
 * @since 0.1.0
 */
export function asCharBuffer(obj: unknown): Uint8Array {
  return singleSegment(obj, (slots) => slots.char, "expected a string or other character buffer object");
}

/**
 * `PyObject_AsWriteBuffer(obj, &ptr, &len)`: like {@link asReadBuffer},
 * through the write slot, for writing.
 *
 * @throws PyTypeError "expected a writeable buffer object" (sic),
 * "expected a single-segment buffer object"; the slot's own errors ("buffer
 * is read-only", "cannot use unicode as modifiable buffer", BufferError from
 * a read-only new-protocol exporter).
 * @example
 * ```ts
 * import { asWriteBuffer } from "@pybuffer/legacy-buffer";
 * const bytes = new Uint8Array(2);
 * asWriteBuffer(bytes)[0] = 1; // bytes: [1, 0]
 * ```
 *
 * @since 0.1.0
 */
export function asWriteBuffer(obj: unknown): Uint8Array {
  return singleSegment(obj, (slots) => slots.write, "expected a writeable buffer object");
}

/**
 * `PyObject_CheckReadBuffer(obj)`: whether `obj` has read and segment-count
 * slots and reports exactly one segment now. Never throws (2.7 returned 0
 * with the segment count's exception still set).
 *
 * @example
 * ```ts
 * import { checkReadBuffer, SegmentedBytes } from "@pybuffer/legacy-buffer";
 * checkReadBuffer(new Uint8Array(1)); // true
 * checkReadBuffer(new SegmentedBytes([new Uint8Array(1), new Uint8Array(1)])); // false
 * checkReadBuffer(42); // false
 * ```
 *
 * @since 0.1.0
 */
export function checkReadBuffer(obj: unknown): boolean {
  const slots = slotsOf(obj);
  return slots !== null && slots.read !== undefined && segmentCount(slots) === 1;
}
