/**
 * `LegacyBufferArgument`: what the `*` codes (`s*`, `z*`, `w*`) fill, a
 * `Py_buffer` held until released.
 *
 * @module
 */

import { BufferError, releaseBuffer, ValueError, type BufferRecord } from "@pybuffer/core";
import { isDetached } from "@pybuffer/core";
import type { Segment } from "../protocol/segment.ts";

/**
 * A held buffer argument: the bytes a `*` code got, as a window on the
 * exporter's memory (not a copy), until released. Hold it with `using`, or
 * call {@link release} once done.
 *
 * @example
 * ```ts
 * import { bufferArgument } from "@pybuffer/legacy-buffer";
 * function checksum(data: unknown): number {
 *   using arg = bufferArgument(data);
 *   return arg.bytes.reduce((sum, byte) => (sum + byte) & 0xff, 0);
 * }
 * checksum(new Uint8Array([1, 2, 3])); // 6
 * ```
 */
export class LegacyBufferArgument implements Disposable {
  readonly #segment: Segment;
  readonly #readonly: boolean;
  readonly #record: BufferRecord | null;
  #released = false;

  /** @internal Made by the argument functions. */
  constructor(segment: Segment, readonly: boolean, record: BufferRecord | null) {
    this.#segment = segment;
    this.#readonly = readonly;
    this.#record = record;
  }

  /**
   * The bytes, a view on the exporter's memory.
   *
   * @throws ValueError after release; BufferError when the memory was detached or shrunk.
   */
  get bytes(): Uint8Array {
    if (this.#released) throw new ValueError("operation forbidden on a released buffer argument");
    const { memory, offset, length } = this.#segment;
    if (isDetached(memory) || offset + length > memory.byteLength) {
      throw new BufferError("the argument's memory is gone (detached or resized)");
    }
    return new Uint8Array(memory, offset, length);
  }

  /**
   * The `readonly` flag of the filled `Py_buffer` (2.7 filled `w*` from an
   * old-protocol-only object with `readonly` 1, and so does this).
   */
  get readonly(): boolean {
    return this.#readonly;
  }

  /** The number of bytes. */
  get length(): number {
    return this.#segment.length;
  }

  /** `PyBuffer_Release`: gives a new-protocol export back; idempotent. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    if (this.#record !== null) releaseBuffer(this.#record);
  }

  [Symbol.dispose](): void {
    this.release();
  }
}
