/**
 * `write`: the file object's `write(b)`, asynchronously, for any exporter
 * and any destination: a file descriptor, a path, a Node `Writable` or a
 * web `WritableStream`. The data is copied a chunk at a time (the memory may
 * change while the event loop runs, and a stream may keep the chunks it is
 * given), so extra memory stays bounded by the chunk size, whatever the
 * size or layout of the data. Failures are {@link WriteError}s that count
 * only the bytes the system or the stream confirmed.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks, pythonTypeName } from "@pybuffer/core/internal";
import { WRITE_SYNC_OPTIONS } from "./write-sync.ts";
import { BufferFlags, getBuffer, PyTypeError, releaseBuffer, type BufferRecord } from "@pybuffer/core";
import type { Writable } from "node:stream";
import { abiOptions } from "../internal/abi-options.ts";
import { chunkBytes, chunkSizeOption, chunksOf, scratchLength } from "./chunk-plan.ts";
import { defaultFileSystem, promised, type AsyncFileSystem } from "./file-system.ts";
import { describeTarget, isFileTarget, type FileTarget } from "./file-target.ts";
import { WriteError } from "./io-errors.ts";
import { withFile } from "./open-file.ts";
import { ScratchLoan } from "./spare-scratch.ts";
import { Backoff, checkedCount, isInterrupted, wouldBlock } from "./system-calls.ts";
import type { WriteSyncOptions } from "./write-sync.ts";

/**
 * Options of {@link write}: those of {@link writeSync}, with callback-style file functions.
 *
 * @example
 * ```ts
 * import type { WriteOptions } from "@pybuffer/node-adapter";
 * const options: WriteOptions = { chunkSize: 1 << 16, onProgress: (done, total) => console.log(done, total) };
 * ```
 *
 * @since 0.1.0
 */
export interface WriteOptions extends Omit<WriteSyncOptions, "fs"> {
  /**
   * The file functions to call; default `node:fs`.
   *
   * @since 0.1.0
   */
  readonly fs?: AsyncFileSystem;
}

/**
 * Where {@link write} can write: a file descriptor, a path, a Node
 * `Writable` (any object with its `write`/`on`/`once`/`removeListener`
 * methods), or a web `WritableStream`.
 *
 * @example
 * ```ts
 * import type { WriteTarget } from "@pybuffer/node-adapter";
 * const targets: WriteTarget[] = [process.stdout, "/tmp/out.bin", new WritableStream()];
 * ```
 *
 * @since 0.1.0
 */
export type WriteTarget = FileTarget | Writable | WritableStream<Uint8Array>;

function isWebWritable(value: unknown): value is WritableStream<Uint8Array> {
  return typeof (value as { getWriter?: unknown } | null)?.getWriter === "function";
}

function isNodeWritable(value: unknown): value is Writable {
  const stream = value as Partial<Record<"write" | "on" | "once" | "removeListener", unknown>> | null;
  return (
    typeof stream?.write === "function" &&
    typeof stream.on === "function" &&
    typeof stream.once === "function" &&
    typeof stream.removeListener === "function"
  );
}

/** Counts confirmed bytes and reports them. */
class Progress {
  written = 0;
  readonly total: number;
  readonly #report: ((bytesWritten: number, bytesTotal: number) => void) | undefined;

  constructor(total: number, report: ((bytesWritten: number, bytesTotal: number) => void) | undefined) {
    this.total = total;
    this.#report = report;
  }

  add(count: number): void {
    this.written += count;
    this.#report?.(this.written, this.total);
  }
}

/**
 * The C-order bytes of `record`, a chunk at a time, each a copy in the
 * buffer `buffer` gives for its length: one kept buffer for a file, a fresh
 * one per chunk for a stream (which may keep the chunks it is given).
 */
function* copiedChunks(record: BufferRecord, options: WriteOptions, buffer: (length: number) => Uint8Array): Generator<Uint8Array> {
  const chunkSize = chunkSizeOption(options.chunkSize);
  for (const chunk of chunksOf(record, chunkSize, options.abi)) yield chunkBytes(chunk, false, options.abi, buffer);
}

/** A fresh buffer per chunk, for a stream. */
const freshChunk = (length: number): Uint8Array => Buffer.allocUnsafeSlow(length);

/** Writes every byte of `record` to `fd`, continuing partial writes and retrying EINTR and EAGAIN. */
async function writeToFd(fd: number, record: BufferRecord, action: string, options: WriteOptions): Promise<void> {
  // Copied into the scratch buffer the synchronous functions keep, lent to this call until it ends.
  const scratch = new ScratchLoan(scratchLength(record, chunkSizeOption(options.chunkSize)));
  try {
    await writeChunks(fd, record, action, options, copiedChunks(record, options, scratch.get));
  } finally {
    scratch.end();
  }
}

/** {@link writeToFd}'s loop over the copied chunks. */
async function writeChunks(fd: number, record: BufferRecord, action: string, options: WriteOptions, chunks: Generator<Uint8Array>): Promise<void> {
  const fs = options.fs ?? defaultFileSystem;
  const progress = new Progress(record.len, options.onProgress);
  const start = options.position ?? null;
  const backoff = new Backoff();
  for (;;) {
    let bytes: Uint8Array;
    try {
      const next = chunks.next();
      if (next.done === true) return;
      bytes = next.value;
    } catch (error) {
      throw new WriteError(action, error, progress.written, progress.total);
    }
    let offset = 0;
    while (offset < bytes.length) {
      let count: number;
      try {
        const position = start === null ? null : start + progress.written;
        count = checkedCount(await promised.write(fs, fd, bytes, offset, position), bytes.length - offset, "write");
      } catch (error) {
        if (isInterrupted(error)) continue;
        if (wouldBlock(error)) {
          await backoff.pause();
          continue;
        }
        throw new WriteError(action, error, progress.written, progress.total);
      }
      backoff.reset();
      offset += count;
      progress.add(count);
    }
  }
}

async function flush(fd: number, record: BufferRecord, action: string, options: WriteOptions): Promise<void> {
  if (options.flush !== true) return;
  try {
    await promised.fsync(options.fs ?? defaultFileSystem, fd);
  } catch (error) {
    throw new WriteError(`${action} (fsync)`, error, record.len, record.len);
  }
}

async function writeToPath(path: string | URL, record: BufferRecord, options: WriteOptions): Promise<void> {
  const action = `write to ${describeTarget(path)}`;
  const failure = (step: string, error: unknown, stage: "open" | "close"): WriteError =>
    new WriteError(step, error, stage === "open" ? 0 : record.len, record.len);
  await withFile(options.fs ?? defaultFileSystem, path, options.flags ?? "w", options.mode ?? 0o666, failure, async (fd) => {
    await writeToFd(fd, record, action, { ...options, position: null });
    await flush(fd, record, action, options);
  });
}

/** How often a wait on a Node Writable looks whether the stream was destroyed without a word. */
const DESTROYED_POLL_MS = 20;

/**
 * Writes to a Node Writable with its backpressure: keeps writing while
 * `write()` returns true, waits for `'drain'` when it returns false. A chunk
 * counts as written when its callback reports success.
 *
 * A stream may break its contract, and the write must still settle with the
 * truth: a callback called twice counts once; a `'drain'` emitted inside
 * `write()` is not waited for again; a stream destroyed without `'close'`
 * (`emitClose: false`: Node then never calls the pending callbacks) is
 * noticed by looking at `destroyed` while waiting.
 */
async function writeToNodeStream(stream: Writable, record: BufferRecord, options: WriteOptions): Promise<void> {
  const progress = new Progress(record.len, options.onProgress);
  let failure: { readonly error: unknown } | undefined;
  let pending = 0;
  let drained = true;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const fail = (error: unknown): void => {
    failure ??= { error };
    notify();
  };
  const destroyedError = (): Error => new Error("the stream was destroyed before every chunk was written");
  const until = async (condition: () => boolean): Promise<void> => {
    while (failure === undefined && !condition()) {
      // Polled, not checked at once: callbacks Node already owes (deferred
      // to the next tick) still arrive and count before the destroy does.
      const watch = setInterval(() => {
        if (stream.destroyed === true) fail(destroyedError());
      }, DESTROYED_POLL_MS);
      try {
        await new Promise<void>((resolve) => (wake = resolve));
      } finally {
        clearInterval(watch);
      }
    }
  };
  const onClose = (): void => fail(new Error("the stream closed before every chunk was written"));
  const onDrain = (): void => {
    drained = true;
    notify();
  };
  stream.on("error", fail);
  stream.on("close", onClose);
  stream.on("drain", onDrain);
  try {
    const chunks = copiedChunks(record, options, freshChunk);
    while (failure === undefined) {
      let bytes: Uint8Array;
      try {
        const next = chunks.next();
        if (next.done === true) break;
        bytes = next.value;
      } catch (error) {
        fail(error);
        break;
      }
      pending++;
      let ready: boolean;
      let settled = false;
      // A 'drain' during this call (a stream that emits it synchronously) must not be missed.
      drained = false;
      try {
        ready = stream.write(bytes, (error?: Error | null) => {
          if (settled) return; // a second call of the same callback
          settled = true;
          pending--;
          if (error) fail(error);
          else progress.add(bytes.length);
          notify();
        });
      } catch (error) {
        if (!settled) pending--;
        settled = true;
        fail(error);
        break;
      }
      if (ready) drained = true;
      else await until(() => drained);
    }
    await until(() => pending === 0);
  } finally {
    stream.removeListener("error", fail);
    stream.removeListener("close", onClose);
    stream.removeListener("drain", onDrain);
    // The rejection reports the error; an 'error' event Node emits later must not be uncaught.
    if (failure !== undefined && stream.errored) stream.once("error", () => {});
  }
  if (failure !== undefined) throw new WriteError("write to the stream", failure.error, progress.written, progress.total);
}

/** Writes to a web WritableStream, one chunk at a time; a chunk counts once the sink took it. */
async function writeToWebStream(stream: WritableStream<Uint8Array>, record: BufferRecord, options: WriteOptions): Promise<void> {
  const progress = new Progress(record.len, options.onProgress);
  const writer = stream.getWriter();
  try {
    for (const bytes of copiedChunks(record, options, freshChunk)) {
      await writer.write(bytes);
      progress.add(bytes.length);
    }
  } catch (error) {
    throw new WriteError("write to the stream", error, progress.written, progress.total);
  } finally {
    writer.releaseLock();
  }
}

/** The sync variant's checks: the options are the same, with an asynchronous `fs`. */
const WRITE_OPTIONS: OptionChecks<WriteOptions> = { ...WRITE_SYNC_OPTIONS, fs: optionChecks.any as OptionCheck<never> };

/**
 * `f.write(b)` for any exporter and any destination, asynchronously: writes
 * the data's bytes in C order and resolves to how many were written (all of
 * them, or it rejects). Strided and PIL-style data are gathered a chunk at a
 * time. A path is opened (`flags`, default `"w"`) and closed; a file
 * descriptor or stream is left open. `EAGAIN` on a non-blocking descriptor
 * is retried after a short pause.
 *
 * @throws PyTypeError "a bytes-like object is required, not 'X'" (nothing written), or for an unknown destination.
 * @throws WriteError with `bytesWritten` (the bytes confirmed), `pythonType`
 * and the underlying failure as `cause`.
 * @example
 * ```ts
 * import { createWriteStream } from "node:fs";
 * import { memoryview } from "@pybuffer/core";
 * import { write } from "@pybuffer/node-adapter";
 * const frame = memoryview(new Float32Array(1024)).cast("B");
 * await write(createWriteStream("/tmp/frames.bin"), frame); // 4096
 * await write("/tmp/frame.bin", frame, { flush: true });     // 4096
 * ```
 *
 * @since 0.1.0
 */
export async function write(target: WriteTarget, data: unknown, options?: WriteOptions): Promise<number> {
  options = readOptions(options, "write", WRITE_OPTIONS);
  const kind = isFileTarget(target) ? "file" : isWebWritable(target) ? "web" : isNodeWritable(target) ? "node" : undefined;
  if (kind === undefined) {
    throw new PyTypeError(`write: expected a file descriptor, a path, a Writable or a WritableStream, not '${pythonTypeName(target)}'`);
  }
  chunkSizeOption(options.chunkSize);
  const record = getBuffer(data, BufferFlags.FULL_RO, abiOptions(options.abi));
  try {
    if (typeof target === "number") {
      const action = `write to ${describeTarget(target)}`;
      await writeToFd(target, record, action, options);
      await flush(target, record, action, options);
    } else if (typeof target === "string" || target instanceof URL) {
      await writeToPath(target, record, options);
    } else if (kind === "web") {
      await writeToWebStream(target as WritableStream<Uint8Array>, record, options);
    } else {
      await writeToNodeStream(target as Writable, record, options);
    }
    return record.len;
  } finally {
    releaseBuffer(record);
  }
}
