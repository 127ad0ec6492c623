/**
 * `SegmentedBytes`: an old-protocol exporter of several segments, the kind
 * of object only third-party C extensions made in Python 2 (no built-in type
 * had more than one segment). Legacy buffers accept it at creation and refuse
 * it on use, as CPython did.
 *
 * @module
 */

import { isPythonError, MemoryError, PyTypeError, SystemError } from "@pybuffer/core";
import { concatBytes, pythonTypeName, typedArrayElements, typedArrayName } from "@pybuffer/core/internal";
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
 *
 * @since 0.1.0
 */
export class SegmentedBytes implements OldBufferExporter {
  readonly #chunks: readonly Uint8Array[];

  /**
   * @param chunks The segments, in order (Uint8Arrays are kept; anything else is copied into one).
   *
   * @since 0.1.0
   */
  constructor(chunks: Iterable<Uint8Array | ArrayLike<number>>) {
    this.#chunks = Object.freeze(segmentsOf(chunks));
  }

  /**
   * The segments.
   *
   * @since 0.1.0
   */
  get chunks(): readonly Uint8Array[] {
    return this.#chunks;
  }

  /**
   * All segments' bytes, concatenated into a new array.
   *
   * @since 0.1.0
   */
  toBytes(): Uint8Array {
    // core's concatBytes raises BufferError for a chunk whose memory is gone since.
    return concatBytes(this.#chunks as Uint8Array[]);
  }

  #chunk(segment: number): Uint8Array {
    const chunk = Number.isInteger(segment) ? this.#chunks[segment] : undefined;
    if (chunk === undefined) throw new SystemError("accessing non-existent segment");
    return chunk;
  }

  /**
   * The number of chunks and their total length.
   *
   * @since 0.1.0
   */
  [getSegmentCountSymbol](): SegmentCount {
    // Each chunk's length through the built-in getter: a caller's chunk may have a `length` of its own.
    return { count: this.#chunks.length, length: this.#chunks.reduce((total, chunk) => total + typedArrayElements(chunk), 0) };
  }

  /**
   * Chunk `segment`. @throws SystemError "accessing non-existent segment".
   *
   * @since 0.1.0
   */
  [getReadBufferSymbol](segment: number): Uint8Array {
    return this.#chunk(segment);
  }

  /**
   * Chunk `segment`, for writing. @throws SystemError "accessing non-existent segment".
   *
   * @since 0.1.0
   */
  [getWriteBufferSymbol](segment: number): Uint8Array {
    return this.#chunk(segment);
  }

  /**
   * Chunk `segment`, as text bytes. @throws SystemError "accessing non-existent segment".
   *
   * @since 0.1.0
   */
  [getCharBufferSymbol](segment: number): Uint8Array {
    return this.#chunk(segment);
  }

  /** @since 0.1.0 */
  get [pythonTypeNameKey](): string {
    return "SegmentedBytes";
  }
}

/** The most items a chunk given as a list of numbers may have: 2**27, more than a JavaScript heap holds as a list (core's toList limit). */
const MAX_CHUNK_LENGTH = 2 ** 27;

/**
 * The chunks as Uint8Arrays. What the iteration or a chunk raises becomes
 * a TypeError with the cause kept; a chunk claiming more than 2**27 items
 * is a MemoryError before anything is allocated.
 */
function segmentsOf(chunks: Iterable<Uint8Array | ArrayLike<number>>): Uint8Array[] {
  try {
    return Array.from(chunks, (chunk) => {
      if (chunk instanceof Uint8Array) return chunk;
      // A TypedArray's element count through the built-in getter; any other list's own `length`.
      const length =
        typedArrayName(chunk) !== undefined
          ? typedArrayElements(chunk as unknown as ArrayBufferView)
          : (chunk as { length?: unknown } | null)?.length;
      if (typeof length === "number" && length > MAX_CHUNK_LENGTH) {
        throw new MemoryError(`SegmentedBytes: a chunk of ${length} items exceeds the ${MAX_CHUNK_LENGTH} a list can hold`);
      }
      return Uint8Array.from(chunk);
    });
  } catch (error) {
    if (isPythonError(error)) throw error;
    throw new PyTypeError(`SegmentedBytes() argument must be an iterable of byte chunks, not '${pythonTypeName(chunks)}'`, { cause: error });
  }
}
