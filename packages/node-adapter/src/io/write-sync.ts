/**
 * `writeSync`: the file object's `write(b)`, synchronously, for any
 * exporter. Contiguous bytes go to the system straight from the exporter's
 * memory; strided ones through one scratch buffer of at most `chunkSize`
 * bytes, kept from call to call (spare-scratch.ts). Partial writes are continued and `EINTR` retried; every other
 * failure is a {@link WriteError} that counts only the bytes written.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import { BufferFlags, getBuffer, releaseBuffer, type AbiName, type BufferRecord } from "@pybuffer/core";
import type { Mode, OpenMode } from "node:fs";
import { abiOptions } from "../internal/abi-options.ts";
import { chunkBytes, chunkSizeOption, chunksOf, scratchLength } from "./chunk-plan.ts";
import { defaultFileSystem, type SyncFileSystem } from "./file-system.ts";
import { describeTarget, type FileTarget } from "./file-target.ts";
import { WriteError } from "./io-errors.ts";
import { withFileSync } from "./open-file.ts";
import { ScratchLoan } from "./spare-scratch.ts";
import { checkedCount, isInterrupted } from "./system-calls.ts";

/**
 * Options of {@link writeSync}.
 *
 * @example
 * ```ts
 * import type { WriteSyncOptions } from "@pybuffer/node-adapter";
 * const options: WriteSyncOptions = { flags: "a", flush: true, chunkSize: 1 << 16 };
 * ```
 *
 * @since 0.1.0
 */
export interface WriteSyncOptions {
  /**
   * The most bytes copied or written at once; default 1 MiB.
   *
   * @since 0.1.0
   */
  readonly chunkSize?: number;
  /**
   * For a file descriptor: the file offset to write at; default `null`, the current position.
   *
   * @since 0.1.0
   */
  readonly position?: number | null;
  /**
   * For a path: the `open` flags; default `"w"` (create or truncate).
   *
   * @since 0.1.0
   */
  readonly flags?: OpenMode;
  /**
   * For a path: the mode of a created file; default `0o666` (before the umask).
   *
   * @since 0.1.0
   */
  readonly mode?: Mode;
  /**
   * `fsync` once everything is written; default `false`.
   *
   * @since 0.1.0
   */
  readonly flush?: boolean;
  /**
   * Native sizes for the data's format, when its record names none.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
  /**
   * The file functions to call; default `node:fs`.
   *
   * @since 0.1.0
   */
  readonly fs?: SyncFileSystem;
  /**
   * Called after every successful system write with the running total.
   *
   * @since 0.1.0
   */
  readonly onProgress?: (bytesWritten: number, bytesTotal: number) => void;
}

/**
 * Writes every byte of `record` to `fd`; throws WriteError after a failure.
 * Strided chunks are copied into a scratch buffer borrowed for the call.
 */
function writeRecordSync(fd: number, record: BufferRecord, target: FileTarget, chunkSize: number, options: WriteSyncOptions): void {
  const scratch = new ScratchLoan(scratchLength(record, chunkSize));
  try {
    writeChunksSync(fd, record, target, chunkSize, options, scratch.get);
  } finally {
    scratch.end();
  }
}

function writeChunksSync(
  fd: number,
  record: BufferRecord,
  target: FileTarget,
  chunkSize: number,
  options: WriteSyncOptions,
  scratch: () => Uint8Array,
): void {
  const fs = options.fs ?? defaultFileSystem;
  const total = record.len;
  const start = options.position ?? null;
  let written = 0;
  const chunks = chunksOf(record, chunkSize, options.abi);
  for (;;) {
    let bytes: Uint8Array;
    try {
      const next = chunks.next();
      if (next.done === true) return;
      bytes = chunkBytes(next.value, true, options.abi, scratch);
    } catch (error) {
      throw new WriteError(writeAction(target), error, written, total);
    }
    let offset = 0;
    while (offset < bytes.length) {
      let count: number;
      try {
        count = checkedCount(
          fs.writeSync(fd, bytes, offset, bytes.length - offset, start === null ? null : start + written),
          bytes.length - offset,
          "write",
        );
      } catch (error) {
        if (isInterrupted(error)) continue;
        throw new WriteError(writeAction(target), error, written, total);
      }
      offset += count;
      written += count;
      options.onProgress?.(written, total);
    }
  }
}

/** What a failed write was doing, as its message says it; made only on failure (a string per call shows in small writes). */
function writeAction(target: FileTarget): string {
  return `write to ${describeTarget(target)}`;
}

/** Each option read once, by core's one options check (the async variant's too); the values are checked where they are used. */
export const WRITE_SYNC_OPTIONS: OptionChecks<WriteSyncOptions> = { abi: optionChecks.abi, chunkSize: optionChecks.any as OptionCheck<never>, flags: optionChecks.any as OptionCheck<never>, flush: optionChecks.boolean, fs: optionChecks.any as OptionCheck<never>, mode: optionChecks.any as OptionCheck<never>, onProgress: optionChecks.function as OptionCheck<never>, position: optionChecks.any as OptionCheck<never> };

/**
 * `f.write(b)` for any exporter: writes its bytes, in C order, to a file
 * descriptor or a path, synchronously, and returns how many were written
 * (all of them, or it throws). The data may be strided or PIL-style; it is
 * copied a chunk at a time, never as a whole. A pooled Buffer writes exactly
 * its own bytes.
 *
 * @throws PyTypeError "a bytes-like object is required, not 'X'" (nothing written).
 * @throws WriteError when opening, writing, flushing or closing fails, with
 * `bytesWritten`, `pythonType` (`FileNotFoundError`, `BlockingIOError` for
 * `EAGAIN` on a non-blocking descriptor, `BufferError` when the data's memory
 * went away midway, ...) and the system error as `cause`.
 * @example
 * ```ts
 * import { memoryview, slice } from "@pybuffer/core";
 * import { writeSync } from "@pybuffer/node-adapter";
 * const pixels = memoryview(new Uint8Array([1, 2, 3, 4, 5, 6])).cast("B", [2, 3]);
 * writeSync("/tmp/column.bin", pixels.get([slice(null), slice(1, 2)])); // 2: bytes 2 and 5
 * ```
 *
 * @since 0.1.0
 */
export function writeSync(target: FileTarget, data: unknown, options?: WriteSyncOptions): number {
  // No `= {}` default: core's options check answers `undefined` at once, and reads an object key by key.
  options = readOptions(options, "writeSync", WRITE_SYNC_OPTIONS);
  const chunkSize = chunkSizeOption(options.chunkSize);
  const record = getBuffer(data, BufferFlags.FULL_RO, abiOptions(options.abi));
  try {
    if (typeof target === "number") {
      writeRecordSync(target, record, target, chunkSize, options);
      flushSync(target, record, target, options);
      return record.len;
    }
    const failure = (step: string, error: unknown, stage: "open" | "close"): WriteError =>
      new WriteError(step, error, stage === "open" ? 0 : record.len, record.len);
    withFileSync(options.fs ?? defaultFileSystem, target, options.flags ?? "w", options.mode ?? 0o666, failure, (fd) => {
      writeRecordSync(fd, record, target, chunkSize, { ...options, position: null });
      flushSync(fd, record, target, options);
    });
    return record.len;
  } finally {
    releaseBuffer(record);
  }
}

function flushSync(fd: number, record: BufferRecord, target: FileTarget, options: WriteSyncOptions): void {
  if (options.flush !== true) return;
  try {
    (options.fs ?? defaultFileSystem).fsyncSync(fd);
  } catch (error) {
    throw new WriteError(`${writeAction(target)} (fsync)`, error, record.len, record.len);
  }
}
