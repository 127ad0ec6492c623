/**
 * `SegmentedBytes`: an old-protocol exporter of several segments, the kind
 * of object only third-party C extensions made in Python 2 (no built-in type
 * had more than one segment). Legacy buffers accept it at creation and refuse
 * it on use, as CPython did.
 *
 * @module
 */

import { SystemError } from "@pybuffer/core";
import { pythonTypeNameKey } from "../internal/type-name.ts";
import type { OldBufferExporter, SegmentCount } from "../protocol/segment.ts";
import { getCharBufferSymbol, getReadBufferSymbol, getSegmentCountSymbol, getWriteBufferSymbol } from "../protocol/symbols.ts";

/**
 * A list of byte chunks exported as one segment each (read, write and char
 * slots; no new protocol). The chunks are used as given, not copied. With
 * exactly one chunk it is an ordinary single-segment exporter.
 *
 * @example
 * ```ts
 * import { SegmentedBytes, buffer, asReadBuffer, getReadBufferSymbol } from "@pybuffer/legacy-buffer";
 * const chunks = new SegmentedBytes([new Uint8Array([1, 2]), new Uint8Array([3])]);
 * chunks[getReadBufferSymbol](1); // Uint8Array [3]
 * const b = buffer(chunks); // accepted: the segment count is not asked at creation
 * try { b.length; } catch (e) { (e as Error).message; } // "single-segment buffer object expected"
 * try { asReadBuffer(chunks); } catch (e) { (e as Error).message; } // "expected a single-segment buffer object"
 * ```
 */
export class SegmentedBytes implements OldBufferExporter {
  readonly #chunks: readonly Uint8Array[];

  /** @param chunks The segments, in order (Uint8Arrays are kept; anything else is copied into one). */
  constructor(chunks: Iterable<Uint8Array | ArrayLike<number>>) {
    this.#chunks = Object.freeze(Array.from(chunks, (chunk) => (chunk instanceof Uint8Array ? chunk : Uint8Array.from(chunk))));
  }

  /** The segments. */
  get chunks(): readonly Uint8Array[] {
    return this.#chunks;
  }

  /** All segments' bytes, concatenated into a new array. */
  toBytes(): Uint8Array {
    const result = new Uint8Array(this.#chunks.reduce((total, chunk) => total + chunk.length, 0));
    let at = 0;
    for (const chunk of this.#chunks) {
      result.set(chunk, at);
      at += chunk.length;
    }
    return result;
  }

  #chunk(segment: number): Uint8Array {
    const chunk = Number.isInteger(segment) ? this.#chunks[segment] : undefined;
    if (chunk === undefined) throw new SystemError("accessing non-existent segment");
    return chunk;
  }

  /** The number of chunks and their total length. */
  [getSegmentCountSymbol](): SegmentCount {
    return { count: this.#chunks.length, length: this.#chunks.reduce((total, chunk) => total + chunk.length, 0) };
  }

  /** Chunk `segment`. @throws SystemError "accessing non-existent segment". */
  [getReadBufferSymbol](segment: number): Uint8Array {
    return this.#chunk(segment);
  }

  /** Chunk `segment`, for writing. @throws SystemError "accessing non-existent segment". */
  [getWriteBufferSymbol](segment: number): Uint8Array {
    return this.#chunk(segment);
  }

  /** Chunk `segment`, as text bytes. @throws SystemError "accessing non-existent segment". */
  [getCharBufferSymbol](segment: number): Uint8Array {
    return this.#chunk(segment);
  }

  get [pythonTypeNameKey](): string {
    return "SegmentedBytes";
  }
}
