/**
 * What `Struct`'s run loops lean on: the compiled runs, when a run is read
 * and written in bulk through a TypedArray, when a struct packs through its
 * scratch buffer, and the plain views `unpack` reads in place.
 *
 * @module
 */

import { getBufferSymbol } from "../protocol/symbols.ts";
import { isUint8Array, typedArrayName } from "../internal/typed-array-tag.ts";
import { typedArrayElements, viewByteLength } from "../internal/view-window.ts";
import { typedArrayForCode, type NumericArrayConstructor } from "../internal/typed-array-for-code.ts";
import type { FormatCode } from "../format/format-codes.ts";
import type { ItemCodec } from "../format/item-codec.ts";

/** A run of items with its codec, ready to read or write. */
export interface CompiledRun {
  readonly codec: ItemCodec;
  readonly offset: number;
  readonly repeat: number;
  readonly itemSize: number;
  /** For repeated native-order numbers: the TypedArray that reads and writes them in bulk when aligned. */
  readonly bulk: NumericArrayConstructor | null;
  /** Whether `bulk` is a BigInt64Array or BigUint64Array, whose elements must be given as bigints. */
  readonly bigIntElements: boolean;
}

/** Structs up to this size are packed through the Struct's scratch buffer. */
export const SCRATCH_LIMIT = 256;

/**
 * The common case of `unpack`: a plain TypedArray or DataView with bytes in
 * it, read in place without the protocol round trip. Anything else (another
 * exporter, an empty or cut-off view, whose length reads 0) takes the full path.
 */
export function isPlainView(buffer: unknown): buffer is ArrayBufferView {
  if (!ArrayBuffer.isView(buffer) || getBufferSymbol in buffer) return false;
  if (typedArrayName(buffer) !== undefined) return viewByteLength(buffer, true) > 0;
  try {
    return viewByteLength(buffer, false) > 0;
  } catch {
    return false; // a DataView cut off by a resize throws here; the full path says so
  }
}

/**
 * A plain `Uint8Array` (a Node `Buffer` included), which `unpack` reads
 * through its elements: only at indices shown to exist, by loading an
 * element (past the end it is `undefined`) or by {@link byteArrayLength}.
 */
export function isPlainByteArray(buffer: unknown): buffer is Uint8Array {
  // The tag check answers for real TypedArrays only, so `in` below cannot meet a Proxy.
  return isUint8Array(buffer) && !(getBufferSymbol in buffer);
}

/**
 * The elements a byte array has, by `%TypedArray%.prototype.length` (a
 * subclass may override `length`); live: 0 once detached or cut off.
 */
export function byteArrayLength(bytes: Uint8Array): number {
  return typedArrayElements(bytes);
}

/** Runs shorter than this are read item by item: a TypedArray costs more than it saves. */
export const BULK_MIN_REPEAT = 8;

/**
 * The TypedArray for bulk runs: any integer or float code but `e`, whose
 * codec works on the half-float's bits rather than its value.
 */
export function bulkArrayFor(code: FormatCode, size: number): NumericArrayConstructor | null {
  return code.char === "e" ? null : (typedArrayForCode(code, size) ?? null);
}
