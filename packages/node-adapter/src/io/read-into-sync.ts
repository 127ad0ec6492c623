/**
 * `readIntoSync`: the file object's `readinto(b)`, synchronously, for any
 * writable exporter: contiguous chunks are read straight into its memory,
 * strided ones through one staging buffer of at most `chunkSize` bytes.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import { releaseBuffer, type AbiName, type BufferRecord } from "@pybuffer/core";
import type { OpenMode } from "node:fs";
import { chunkSizeOption, scratchLength } from "./chunk-plan.ts";
import { defaultFileSystem, type SyncFileSystem } from "./file-system.ts";
import { describeTarget, type FileTarget } from "./file-target.ts";
import { ReadError } from "./io-errors.ts";
import { withFileSync } from "./open-file.ts";
import { readFailure, ReadCursor } from "./read-cursor.ts";
import { ScratchLoan } from "./spare-scratch.ts";
import { checkedCount, isInterrupted, wouldBlock } from "./system-calls.ts";
import { acquireWritable } from "./writable-target.ts";

/**
 * Options of {@link readIntoSync}.
 *
 * @example
 * ```ts
 * import type { ReadIntoSyncOptions } from "@pybuffer/node-adapter";
 * const options: ReadIntoSyncOptions = { position: 4096, chunkSize: 1 << 16 };
 * ```
 *
 * @since 0.1.0
 */
export interface ReadIntoSyncOptions {
  /**
   * The most bytes read or staged at once; default 1 MiB.
   *
   * @since 0.1.0
   */
  readonly chunkSize?: number;
  /**
   * For a file descriptor: the file offset to read from; default `null`, the current position.
   *
   * @since 0.1.0
   */
  readonly position?: number | null;
  /**
   * For a path: the `open` flags; default `"r"`.
   *
   * @since 0.1.0
   */
  readonly flags?: OpenMode;
  /**
   * Native sizes for the target's format, when its record names none.
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
   * Called after every read that brought bytes, with the running total.
   *
   * @since 0.1.0
   */
  readonly onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

/** Reads from `fd` until the target is full, the file ends, or (non-blocking) nothing more is there. */
function readFdSync(fd: number, cursor: ReadCursor, action: string, options: ReadIntoSyncOptions): void {
  const fs = options.fs ?? defaultFileSystem;
  const start = options.position ?? null;
  try {
    while (cursor.remaining > 0) {
      const window = cursor.window(cursor.remaining, true);
      let count: number;
      try {
        count = checkedCount(
          fs.readSync(fd, window, 0, window.length, start === null ? null : start + cursor.received),
          window.length,
          "read",
        );
      } catch (error) {
        if (isInterrupted(error)) continue;
        // Non-blocking and nothing there yet: keep what arrived, as BufferedReader.readinto does.
        if (wouldBlock(error) && cursor.received > 0) break;
        throw error;
      }
      if (count === 0) break;
      cursor.commit(count);
      options.onProgress?.(cursor.received, cursor.total);
    }
    cursor.flush();
  } catch (error) {
    throw readFailure(cursor, action, error);
  }
}

/** Each option read once, by core's one options check (the async variant's too); the values are checked where they are used. */
export const READ_INTO_SYNC_OPTIONS: OptionChecks<ReadIntoSyncOptions> = { abi: optionChecks.abi, chunkSize: optionChecks.any as OptionCheck<never>, flags: optionChecks.any as OptionCheck<never>, fs: optionChecks.any as OptionCheck<never>, onProgress: optionChecks.function as OptionCheck<never>, position: optionChecks.any as OptionCheck<never> };

/**
 * `f.readinto(b)` for any writable exporter: reads from a file descriptor
 * or a path into its items, in C order, until it is full or the file ends,
 * and returns how many bytes arrived. Unlike CPython's, the target may be
 * strided or PIL-style. On a non-blocking descriptor it returns what arrived
 * before `EAGAIN` (a `BlockingIOError` if nothing did).
 *
 * @throws PyTypeError "readinto() argument 1 must be read-write bytes-like object, not X".
 * @throws ReadError with `bytesRead` (the bytes stored before the failure) and the cause.
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { memoryview, slice } from "@pybuffer/core";
 * import { readIntoSync } from "@pybuffer/node-adapter";
 * writeFileSync("/tmp/three-bytes.bin", new Uint8Array([7, 8, 9]));
 * const image = new Uint8Array(6);
 * const oddBytes = memoryview(image).get(slice(1, null, 2));
 * readIntoSync("/tmp/three-bytes.bin", oddBytes); // 3: image[1], image[3], image[5]
 * image; // Uint8Array [0, 7, 0, 8, 0, 9]
 * ```
 *
 * @since 0.1.0
 */
export function readIntoSync(source: FileTarget, target: unknown, options?: ReadIntoSyncOptions): number {
  options = readOptions(options, "readIntoSync", READ_INTO_SYNC_OPTIONS);
  const chunkSize = chunkSizeOption(options.chunkSize);
  const record = acquireWritable(target, options.abi);
  try {
    // Strided chunks are staged in the scratch buffer the I/O functions share.
    const scratch = new ScratchLoan(scratchLength(record, chunkSize));
    try {
      return readRecordSync(source, record, chunkSize, options, scratch.get);
    } finally {
      scratch.end();
    }
  } finally {
    releaseBuffer(record);
  }
}

/** Reads into `record` from a descriptor or a path; returns the bytes stored. */
function readRecordSync(
  source: FileTarget,
  record: BufferRecord,
  chunkSize: number,
  options: ReadIntoSyncOptions,
  scratch: () => Uint8Array,
): number {
  const cursor = new ReadCursor(record, chunkSize, options.abi, scratch);
  const action = `readinto from ${describeTarget(source)}`;
  if (typeof source === "number") {
    readFdSync(source, cursor, action, options);
  } else {
    const failure = (step: string, error: unknown, stage: "open" | "close"): ReadError =>
      new ReadError(step, error, stage === "open" ? 0 : cursor.stored);
    withFileSync(options.fs ?? defaultFileSystem, source, options.flags ?? "r", undefined, failure, (fd) =>
      readFdSync(fd, cursor, action, { ...options, position: null }),
    );
  }
  return cursor.stored;
}
