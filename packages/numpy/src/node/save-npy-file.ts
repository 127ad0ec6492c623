/**
 * `numpy.save` to a file or a stream (`write_array` in
 * numpy/lib/_format_impl.py): the header, then the exporter's items
 * written straight from its memory by node-adapter's `write`, a chunk at a
 * time, so the file is never held in memory.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import { BufferFlags, getBuffer, releaseBuffer } from "@pybuffer/core";
import { write, WriteError, type WriteOptions, type WriteTarget } from "@pybuffer/node-adapter";
import { npyHeaderBytes } from "../header/write-npy-header.ts";
import { npyHeaderFor, type SaveNpyOptions } from "../npy/save-npy.ts";
import { heldItems } from "./held-buffer.ts";
import { targetName } from "./target-name.ts";

/**
 * Options of {@link saveNpyFile}: those of `saveNpy`, and of node-adapter's
 * `write` that make sense for a whole file.
 *
 * @example
 * ```ts
 * import type { SaveNpyFileOptions } from "@pybuffer/numpy/node";
 * const options: SaveNpyFileOptions = { version: "2.0", chunkSize: 1 << 16, flush: true };
 * ```
 *
 * @since 0.1.0
 */
export interface SaveNpyFileOptions extends SaveNpyOptions, Pick<WriteOptions, "chunkSize" | "mode" | "flush" | "fs" | "abi"> {
  /**
   * Called after every confirmed write with the file's bytes written so far and its total size.
   *
   * @since 0.1.0
   */
  readonly onProgress?: (bytesWritten: number, bytesTotal: number) => void;
}

/** Each option read once, by core's one options check; the values are checked where they are used. */
const SAVE_NPY_FILE_OPTIONS: OptionChecks<SaveNpyFileOptions> = { version: optionChecks.any as OptionCheck<never>, chunkSize: optionChecks.any as OptionCheck<never>, mode: optionChecks.any as OptionCheck<never>, flush: optionChecks.any as OptionCheck<never>, fs: optionChecks.any as OptionCheck<never>, abi: optionChecks.any as OptionCheck<never>, onProgress: optionChecks.any as OptionCheck<never> };

/**
 * Writes any exporter as an `.npy` file to a path (created or truncated), a
 * file descriptor (at its current position), a Node `Writable` or a web
 * `WritableStream`, and resolves to the file's size. The header is
 * `saveNpy`'s; the items go straight from the exporter's memory, gathered
 * a chunk at a time when strided, reversed or PIL-style, so extra memory
 * stays bounded by `chunkSize` whatever the array's size. A descriptor or
 * stream is left open.
 *
 * @throws ValueError "Object arrays cannot be saved when allow_pickle=False" for `O` items, before anything is written.
 * @throws WriteError (node-adapter's) with `bytesWritten` counting the file's bytes
 * confirmed, header included, and the OSError kind as `pythonType`.
 * @example
 * ```ts
 * import { NDArray, slice } from "@pybuffer/core";
 * import { saveNpyFile } from "@pybuffer/numpy/node";
 * const grid = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "<i" });
 * await saveNpyFile("/tmp/flipped.npy", grid.get([slice(null), slice(null, null, -1)])); // 152 bytes
 * ```
 *
 * @since 0.1.0
 */
export async function saveNpyFile(target: WriteTarget, exporter: unknown, options: SaveNpyFileOptions = {}): Promise<number> {
  options = readOptions(options, "saveNpyFile", SAVE_NPY_FILE_OPTIONS);
  const record = getBuffer(exporter, BufferFlags.FULL_RO);
  try {
    const { header: plan, fortranOrder } = npyHeaderFor(exporter, record, options.version);
    const header = npyHeaderBytes(plan);
    const total = header.length + record.len;
    const { version: _version, onProgress: report, ...common } = options;
    let written = 0;
    try {
      // One fsync at the end covers the header too.
      await write(target, header, { ...common, flags: "w", flush: false, ...(report && { onProgress: (done: number) => report(done, total) }) });
      written = header.length;
      // A path was created by the header's write: the items are appended to it.
      await write(target, heldItems(record, fortranOrder), {
        ...common, flags: "a", ...(report && { onProgress: (done: number) => report(header.length + done, total) }),
      });
    } catch (error) {
      // Counted in the file's bytes, as one write of the whole file would count them.
      if (!(error instanceof WriteError)) throw error;
      throw new WriteError(`write .npy to ${targetName(target)}`, error.cause, written + error.bytesWritten, total);
    }
    return total;
  } finally {
    releaseBuffer(record);
  }
}
