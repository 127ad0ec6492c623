/**
 * `readInto`: the file object's `readinto(b)`, asynchronously, for any
 * writable exporter and any source: a file descriptor, a path, a Node
 * `Readable` or a web `ReadableStream` read with a BYOB reader. Nothing is
 * taken from a source beyond what fits: a Readable gets the rest of a chunk
 * back (`unshift`), and a BYOB reader is only ever asked for the bytes that
 * fit. The target's own memory is never handed to a stream (a BYOB read
 * detaches the buffer it is given, which for a pooled Buffer would be Node's
 * shared slab): bytes arrive in a private buffer and are copied in.
 *
 * @module
 */

import { blockByteLength, isUint8Array, optionChecks, pythonTypeName, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import { READ_INTO_SYNC_OPTIONS } from "./read-into-sync.ts";
import { isArrayBuffer, PyTypeError, releaseBuffer, type BufferRecord } from "@pybuffer/core";
import type { Readable } from "node:stream";
import { chunkSizeOption, scratchLength } from "./chunk-plan.ts";
import { defaultFileSystem, promised, type AsyncFileSystem } from "./file-system.ts";
import { describeTarget, isFileTarget, type FileTarget } from "./file-target.ts";
import { ReadError } from "./io-errors.ts";
import { withFile } from "./open-file.ts";
import { chunkWindow } from "../platform/view-bytes.ts";
import { readFailure, ReadCursor } from "./read-cursor.ts";
import type { ReadIntoSyncOptions } from "./read-into-sync.ts";
import { ScratchLoan } from "./spare-scratch.ts";
import { Backoff, checkedCount, isInterrupted, wouldBlock } from "./system-calls.ts";
import { acquireWritable } from "./writable-target.ts";

/**
 * Options of {@link readInto}: those of {@link readIntoSync}, with callback-style file functions.
 *
 * @example
 * ```ts
 * import type { ReadIntoOptions } from "@pybuffer/node-adapter";
 * const options: ReadIntoOptions = { chunkSize: 1 << 16 };
 * ```
 *
 * @since 0.1.0
 */
export interface ReadIntoOptions extends Omit<ReadIntoSyncOptions, "fs"> {
  /**
   * The file functions to call; default `node:fs`.
   *
   * @since 0.1.0
   */
  readonly fs?: AsyncFileSystem;
}

/**
 * What {@link readInto} can read from: a file descriptor, a path, a Node
 * `Readable` (paused, not flowing) or a web byte `ReadableStream`.
 *
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * import type { ReadSource } from "@pybuffer/node-adapter";
 * const sources: ReadSource[] = [0, "/tmp/in.bin", Readable.from([Buffer.from("hi")])];
 * ```
 *
 * @since 0.1.0
 */
export type ReadSource = FileTarget | Readable | ReadableStream<Uint8Array>;

function isWebReadable(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as { getReader?: unknown } | null)?.getReader === "function";
}

function isNodeReadable(value: unknown): value is Readable {
  const stream = value as Partial<Record<"read" | "unshift" | "on" | "removeListener", unknown>> | null;
  return (
    typeof stream?.read === "function" &&
    typeof stream.unshift === "function" &&
    typeof stream.on === "function" &&
    typeof stream.removeListener === "function"
  );
}

async function readFromFd(fd: number, cursor: ReadCursor, options: ReadIntoOptions): Promise<void> {
  const fs = options.fs ?? defaultFileSystem;
  const start = options.position ?? null;
  const backoff = new Backoff();
  while (cursor.remaining > 0) {
    // Never the target's own memory: it could change while the read is in flight.
    const window = cursor.window(cursor.remaining, false);
    let count: number;
    try {
      const position = start === null ? null : start + cursor.received;
      count = checkedCount(await promised.read(fs, fd, window, 0, position), window.length, "read");
    } catch (error) {
      if (isInterrupted(error)) continue;
      if (wouldBlock(error)) {
        await backoff.pause();
        continue;
      }
      throw error;
    }
    backoff.reset();
    if (count === 0) return;
    cursor.commit(count);
    options.onProgress?.(cursor.received, cursor.total);
  }
}

/**
 * Runs `read`, then stores a partly filled last chunk. A failure is a
 * ReadError counting the bytes stored, except a source of the wrong kind
 * found before any byte arrived, which is the caller's TypeError.
 */
async function readAll(read: () => Promise<void>, cursor: ReadCursor, action: string): Promise<void> {
  try {
    await read();
    cursor.flush();
  } catch (error) {
    if (error instanceof PyTypeError && cursor.received === 0) throw error;
    throw readFailure(cursor, action, error);
  }
}

/** Waits for the next of `events` on `stream`; resolves with its name, or rejects on 'error'. */
function nextEvent(stream: Readable, events: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const listeners = new Map<string, (error?: unknown) => void>();
    const done = (): void => {
      for (const [event, listener] of listeners) stream.removeListener(event, listener);
    };
    for (const event of [...events, "error"]) {
      const listener = (error?: unknown): void => {
        done();
        if (event === "error") reject(error);
        else resolve(event);
      };
      listeners.set(event, listener);
      stream.on(event, listener);
    }
  });
}

/** Reads a paused Node Readable until the target is full or the stream ends; gives back what does not fit. */
async function readFromNodeStream(stream: Readable, cursor: ReadCursor, options: ReadIntoOptions): Promise<void> {
  if (stream.readableFlowing === true) {
    throw new PyTypeError("readInto: the stream is flowing (a 'data' listener or a pipe reads it); pause it first");
  }
  try {
    await takeFromNodeStream(stream, cursor, options);
  } finally {
    // An error found here is reported by the rejection; Node may still emit
    // it as an event, which must not become an uncaught exception.
    if (stream.errored) stream.once("error", () => {});
  }
}

async function takeFromNodeStream(stream: Readable, cursor: ReadCursor, options: ReadIntoOptions): Promise<void> {
  while (cursor.remaining > 0) {
    if (stream.errored) throw stream.errored;
    if (stream.readableEnded) return;
    const chunk: unknown = stream.read();
    if (chunk === null) {
      if (stream.destroyed) throw stream.errored ?? new Error("the stream was destroyed before it ended");
      const event = await nextEvent(stream, ["readable", "end", "close"]);
      if (event === "close" && !stream.readableEnded) throw stream.errored ?? new Error("the stream closed before it ended");
      continue;
    }
    if (!isUint8Array(chunk)) {
      stream.unshift(chunk);
      throw new PyTypeError(
        `readInto: the stream gave a ${typeof chunk === "string" ? "string (setEncoding was called)" : `'${pythonTypeName(chunk)}'`}, not bytes`,
      );
    }
    // The chunk's window through the built-in getters: its own properties and subarray may lie.
    const bytes = chunkWindow(chunk, "the stream's chunk");
    const taken = cursor.put(bytes);
    if (taken < bytes.length) stream.unshift(Buffer.from(bytes.buffer, bytes.byteOffset + taken, bytes.length - taken));
    options.onProgress?.(cursor.received, cursor.total);
  }
}

/**
 * Reads a web byte stream with a BYOB reader into a private bounce buffer
 * (each read detaches the buffer it is given and returns it in a new view),
 * asking for no more than the target can still take.
 */
async function readFromWebStream(stream: ReadableStream<Uint8Array>, cursor: ReadCursor, options: ReadIntoOptions): Promise<void> {
  if (stream.locked) throw new PyTypeError("readInto: the ReadableStream is locked to another reader");
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: "byob" });
  } catch {
    throw new PyTypeError(
      "readInto: a web ReadableStream must be a byte stream (type: 'bytes'), read with a BYOB reader, so that nothing is read past the target",
    );
  }
  try {
    const bounceSize = Math.max(1, Math.min(chunkSizeOption(options.chunkSize), cursor.remaining));
    let bounce = new ArrayBuffer(bounceSize);
    while (cursor.remaining > 0) {
      const { done, value } = await reader.read(new Uint8Array(bounce, 0, Math.min(blockByteLength(bounce), cursor.remaining)));
      if (done === true || value === undefined) return;
      // A stream's own reader returns a Uint8Array over the bounce buffer it
      // took; one that does not (a duck-typed stream) is read through the
      // built-in getters, and its buffer is reused only if it is a live ArrayBuffer.
      if (!isUint8Array(value)) throw new PyTypeError(`readInto: the stream gave a '${pythonTypeName(value)}', not bytes`);
      const bytes = chunkWindow(value, "the stream's chunk");
      const returned = bytes.buffer;
      bounce = isArrayBuffer(returned) && blockByteLength(returned) > 0 ? returned : new ArrayBuffer(bounceSize);
      cursor.put(bytes);
      options.onProgress?.(cursor.received, cursor.total);
    }
  } finally {
    reader.releaseLock();
  }
}

/** The sync variant's checks: the options are the same, with an asynchronous `fs`. */
const READ_INTO_OPTIONS: OptionChecks<ReadIntoOptions> = { ...READ_INTO_SYNC_OPTIONS, fs: optionChecks.any as OptionCheck<never> };

/**
 * `f.readinto(b)` for any writable exporter and any source, asynchronously:
 * reads into its items, in C order, until it is full or the source ends, and
 * resolves to how many bytes arrived. The target may be strided or
 * PIL-style. A path is opened and closed; a descriptor or stream is left
 * open, positioned just after the bytes taken. `EAGAIN` on a non-blocking
 * descriptor is retried after a short pause.
 *
 * @throws PyTypeError "readinto() argument 1 must be read-write bytes-like
 * object, not X"; also for a default (non-byte) web stream, a flowing or
 * string-decoding Readable, or an unknown source.
 * @throws ReadError with `bytesRead` (the bytes stored before the failure) and the cause.
 * @example
 * ```ts
 * import { createReadStream, writeFileSync } from "node:fs";
 * import { readInto } from "@pybuffer/node-adapter";
 * writeFileSync("/tmp/data.bin", new Uint8Array(20));
 * const header = new Uint32Array(4);
 * const stream = createReadStream("/tmp/data.bin");
 * await readInto(stream, header); // 16, and the rest stays in the stream
 * ```
 *
 * @since 0.1.0
 */
export async function readInto(source: ReadSource, target: unknown, options?: ReadIntoOptions): Promise<number> {
  options = readOptions(options, "readInto", READ_INTO_OPTIONS);
  const kind = isFileTarget(source) ? "file" : isWebReadable(source) ? "web" : isNodeReadable(source) ? "node" : undefined;
  if (kind === undefined) {
    throw new PyTypeError(`readInto: expected a file descriptor, a path, a Readable or a ReadableStream, not '${pythonTypeName(source)}'`);
  }
  const chunkSize = chunkSizeOption(options.chunkSize);
  const record: BufferRecord = acquireWritable(target, options.abi);
  // Bytes are staged in the scratch buffer the synchronous functions keep, lent to this call until it ends.
  const scratch = new ScratchLoan(scratchLength(record, chunkSize));
  try {
    const cursor = new ReadCursor(record, chunkSize, options.abi, scratch.get);
    const action = `readinto from ${kind === "file" ? describeTarget(source as FileTarget) : "the stream"}`;
    if (typeof source === "string" || source instanceof URL) {
      const failure = (step: string, error: unknown, stage: "open" | "close"): ReadError =>
        new ReadError(step, error, stage === "open" ? 0 : cursor.stored);
      await withFile(options.fs ?? defaultFileSystem, source, options.flags ?? "r", undefined, failure, (fd) =>
        readAll(() => readFromFd(fd, cursor, { ...options, position: null }), cursor, action),
      );
    } else if (typeof source === "number") {
      await readAll(() => readFromFd(source, cursor, options), cursor, action);
    } else if (kind === "web") {
      await readAll(() => readFromWebStream(source as ReadableStream<Uint8Array>, cursor, options), cursor, action);
    } else {
      await readAll(() => readFromNodeStream(source as Readable, cursor, options), cursor, action);
    }
    return cursor.stored;
  } finally {
    scratch.end();
    releaseBuffer(record);
  }
}
