/**
 * From any exporter to a Node `Buffer`: sharing the exporter's memory when
 * that is safe, copying (with the reason) when it is not, as the caller
 * chooses. A shared Buffer covers exactly the exported bytes, never the
 * rest of their ArrayBuffer (a pooled Buffer's slab), and keeps the export
 * held, so an export-locked exporter (`ResizableBytes`) cannot resize under it.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import {
  BufferError,
  BufferFlags,
  getBuffer,
  isContiguous,
  isSharedArrayBuffer,
  releaseBuffer,
  toContiguous,
  ValueError,
  type AbiName,
  type BufferRecord,
} from "@pybuffer/core";
import { isExportLocked, isWasmBuffer } from "../memory/memory-kinds.ts";

/**
 * When {@link toBuffer} and {@link bufferOf} may copy: `"never"` (share the
 * memory or throw), `"if-needed"` (share when safe, else copy), `"always"`.
 *
 * @example
 * ```ts
 * import type { CopyPolicy } from "@pybuffer/node-adapter";
 * const policy: CopyPolicy = "if-needed";
 * ```
 *
 * @since 0.1.0
 */
export type CopyPolicy = "never" | "if-needed" | "always";

/**
 * Options of {@link toBuffer} and {@link bufferOf}.
 *
 * @example
 * ```ts
 * import type { ToBufferOptions } from "@pybuffer/node-adapter";
 * const options: ToBufferOptions = { copy: "if-needed" };
 * ```
 *
 * @since 0.1.0
 */
export interface ToBufferOptions {
  /**
   * Default `"never"`: a Buffer that shares the memory, or a BufferError saying why it cannot.
   *
   * @since 0.1.0
   */
  readonly copy?: CopyPolicy;
  /**
   * Native sizes for the exporter's format, when its record names none.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
}

/**
 * A Buffer made from an exporter, with how it was made. While it shares
 * the exporter's memory it holds the export; `release()` (or `using`) ends
 * it, and so does the Buffer's garbage collection.
 *
 * @example
 * ```ts
 * import { bufferOf, type BufferConversion } from "@pybuffer/node-adapter";
 * const conversion: BufferConversion = bufferOf(new Uint16Array([1, 2]));
 * [conversion.copied, conversion.buffer.length]; // [false, 4]
 * conversion.release();
 * ```
 *
 * @since 0.1.0
 */
export interface BufferConversion extends Disposable {
  /**
   * The bytes, in C order.
   *
   * @since 0.1.0
   */
  readonly buffer: Buffer;
  /**
   * Whether `buffer` is a copy (then writes to it do not reach the exporter).
   *
   * @since 0.1.0
   */
  readonly copied: boolean;
  /**
   * Why the bytes were copied, or `null` when `buffer` shares the exporter's memory.
   *
   * @since 0.1.0
   */
  readonly reason: string | null;
  /**
   * Ends the export that keeps the shared memory valid. Idempotent. After it,
   * the Buffer still points at the memory, but nothing stops the exporter
   * from resizing or detaching it any more.
   *
   * @since 0.1.0
   */
  release(): void;
}

/** Releases the exports of shared Buffers that were collected without `release()`. */
const collected = new FinalizationRegistry<BufferRecord>((record) => releaseBuffer(record));

class Conversion implements BufferConversion {
  readonly buffer: Buffer;
  readonly copied: boolean;
  readonly reason: string | null;
  #record: BufferRecord | null;

  constructor(buffer: Buffer, reason: string | null, record: BufferRecord | null) {
    this.buffer = buffer;
    this.copied = reason !== null;
    this.reason = reason;
    this.#record = record;
    if (record !== null) collected.register(buffer, record, this);
  }

  release(): void {
    const record = this.#record;
    if (record === null) return;
    this.#record = null;
    collected.unregister(this);
    releaseBuffer(record);
  }

  [Symbol.dispose](): void {
    this.release();
  }
}

/**
 * Why a Buffer cannot safely share `record`'s memory, or `null` when it can.
 * A Buffer is one run of bytes, and it cannot notice that its memory shrank
 * or was detached: it reads as empty and drops writes.
 */
function sharingProblem(record: BufferRecord): string | null {
  if (record.suboffsets !== null) return "the buffer has suboffsets (PIL-style); a Buffer is one run of bytes";
  if (!isContiguous(record, "C")) return "the buffer is not C-contiguous; a Buffer is one run of bytes";
  const memory = record.memory;
  if (!isSharedArrayBuffer(memory) && memory.resizable && !isExportLocked(memory)) {
    return "its memory is a resizable ArrayBuffer that nothing stops from shrinking; a Buffer over it would then read as empty instead of failing";
  }
  if (isWasmBuffer(memory)) {
    return "its memory is a WebAssembly.Memory's buffer, which grow() detaches; a Buffer over it would then read as empty instead of failing";
  }
  return null;
}

/** Each option read once, by core's one options check; the values are checked where they are used. */
const TO_BUFFER_OPTIONS: OptionChecks<ToBufferOptions> = { abi: optionChecks.abi, copy: optionChecks.any as OptionCheck<never> };

/**
 * A Buffer with the C-order bytes of any exporter: sharing its memory
 * (zero-copy) when that is safe, otherwise, as `copy` allows, a copy that
 * says why. Safe means C-contiguous and in memory that cannot move under
 * the Buffer: a fixed-length ArrayBuffer, a SharedArrayBuffer (growable
 * ones only grow), or a resizable buffer whose owner keeps an export lock
 * ({@link ResizableBytes}). A pooled Buffer converts to exactly its window.
 *
 * @throws BufferError with the reason, when sharing is impossible and `copy` is `"never"`.
 * @throws PyTypeError "a bytes-like object is required, not 'X'" for a non-exporter.
 * @throws ValueError for an unknown `copy` policy.
 * @example
 * ```ts
 * import { memoryview, slice } from "@pybuffer/core";
 * import { bufferOf } from "@pybuffer/node-adapter";
 * const every2nd = memoryview(new Uint8Array([1, 2, 3, 4])).get(slice(null, null, 2));
 * const conversion = bufferOf(every2nd, { copy: "if-needed" });
 * [conversion.copied, conversion.reason]; // [true, "the buffer is not C-contiguous; a Buffer is one run of bytes"]
 * conversion.buffer; // <Buffer 01 03>
 * ```
 *
 * @since 0.1.0
 */
export function bufferOf(obj: unknown, options: ToBufferOptions = {}): BufferConversion {
  options = readOptions(options, "bufferOf", TO_BUFFER_OPTIONS);
  const policy = options.copy ?? "never";
  if (policy !== "never" && policy !== "if-needed" && policy !== "always") {
    throw new ValueError(`copy must be 'never', 'if-needed' or 'always', not ${String(policy)}`);
  }
  const abi = options.abi === undefined ? {} : { abi: options.abi };
  const record = getBuffer(obj, BufferFlags.FULL_RO, abi);
  let shared = false;
  try {
    const problem = policy === "always" ? "a copy was requested (copy: 'always')" : sharingProblem(record);
    if (problem === null) {
      // An empty buffer may start anywhere (even past the end of its memory): share nothing.
      const buffer = record.len === 0 ? Buffer.alloc(0) : Buffer.from(record.memory, record.buf, record.len);
      shared = record.len !== 0;
      return new Conversion(buffer, null, shared ? record : null);
    }
    if (policy === "never") throw new BufferError(`cannot share this buffer's memory without copying: ${problem}`);
    const bytes = toContiguous(record, "C", undefined, abi);
    return new Conversion(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), problem, null);
  } finally {
    if (!shared) releaseBuffer(record);
  }
}

/**
 * {@link bufferOf}'s Buffer alone: `toBuffer(view)` shares a C-contiguous
 * view's memory (zero-copy) or throws BufferError saying why it cannot;
 * `{ copy: "if-needed" }` copies instead. A shared Buffer holds its export
 * until it is garbage-collected; use {@link bufferOf} to end it sooner.
 *
 * @throws BufferError with the reason, when sharing is impossible and `copy` is `"never"`.
 * @example
 * ```ts
 * import { memoryview } from "@pybuffer/core";
 * import { toBuffer } from "@pybuffer/node-adapter";
 * const samples = new Int16Array([1, -1]);
 * const buffer = toBuffer(memoryview(samples));
 * buffer[0] = 2;
 * samples[0]; // 2: the Buffer shares the memory
 * ```
 *
 * @since 0.1.0
 */
export function toBuffer(obj: unknown, options: ToBufferOptions = {}): Buffer {
  options = readOptions(options, "toBuffer", TO_BUFFER_OPTIONS);
  return bufferOf(obj, options).buffer;
}
