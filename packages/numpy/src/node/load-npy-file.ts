/**
 * `numpy.load` from a file or a stream (`read_array` in
 * numpy/lib/_format_impl.py): the header is read first and validated as
 * untrusted input by the same parser as `loadNpy`, then the data is read by
 * node-adapter's `readInto` straight into the array's own memory, allocated
 * once at its final size.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import { open } from "node:fs/promises";
import { MemoryError, ValueError } from "@pybuffer/core";
import { readInto, ReadError, type ReadIntoOptions, type ReadSource } from "@pybuffer/node-adapter";
import {
  DEFAULT_MAX_HEADER_SIZE, eof, headerTooLarge, NPY_PREAMBLE_MAX, npyDataLength, readNpyHeader, readNpyPreamble, type NpyHeader,
} from "../header/npy-header.ts";
import { pythonRepr, PyTuple } from "../header/python-literal.ts";
import { NpyArray } from "../npy/npy-array.ts";
import { targetName } from "./target-name.ts";

/**
 * Options of {@link loadNpyFile}.
 *
 * @example
 * ```ts
 * import type { LoadNpyFileOptions } from "@pybuffer/numpy/node";
 * const options: LoadNpyFileOptions = { maxHeaderSize: 20000, writable: false, chunkSize: 1 << 16 };
 * ```
 *
 * @since 0.1.0
 */
export interface LoadNpyFileOptions extends Pick<ReadIntoOptions, "chunkSize"> {
  /**
   * NumPy's `max_header_size` (default 10000 characters).
   *
   * @since 0.1.0
   */
  readonly maxHeaderSize?: number;
  /**
   * Export the items writable (default `true`: the array owns its memory, as `np.load` of a file gives).
   *
   * @since 0.1.0
   */
  readonly writable?: boolean;
  /**
   * Called after every read of the data with the data bytes read so far and their total.
   *
   * @since 0.1.0
   */
  readonly onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

/** The most bytes a header of `maxHeaderSize` characters can take: UTF-8 (version 3.0) spends up to 4 per character. */
function headerByteLimit(major: number, maxHeaderSize: number): number {
  return major === 3 ? maxHeaderSize * 4 : maxHeaderSize;
}

/** node-adapter's options among ours. */
function readOptionsOf(options: LoadNpyFileOptions): ReadIntoOptions {
  return options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize };
}

/**
 * `readInto` for one part of the file, `before` bytes into it: a failure
 * counts the file's bytes that arrived, as one read of the whole file would.
 */
async function readPart(source: ReadSource, name: string, target: Uint8Array, before: number, options: ReadIntoOptions): Promise<number> {
  try {
    return await readInto(source, target, options);
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    throw new ReadError(`read .npy from ${name}`, error.cause, before + error.bytesRead);
  }
}

/** Reads the header from a descriptor or a stream, taking nothing past it; gives the bytes already read beyond it. */
async function readHeader(source: ReadSource, name: string, options: LoadNpyFileOptions): Promise<{ header: NpyHeader; extra: Uint8Array }> {
  const maxHeaderSize = options.maxHeaderSize ?? DEFAULT_MAX_HEADER_SIZE;
  const readOptions = readOptionsOf(options);
  const prefix = new Uint8Array(NPY_PREAMBLE_MAX);
  const got = await readPart(source, name, prefix, 0, readOptions);
  const { major, start, headerLength } = readNpyPreamble(prefix.subarray(0, got));
  // Refused before a byte of it is read: a 4 GiB claim is not allocated.
  if (headerLength > headerByteLimit(major, maxHeaderSize)) throw headerTooLarge(headerLength);
  const end = start + headerLength;
  if (end <= got) return { header: readNpyHeader(prefix.subarray(0, end), maxHeaderSize), extra: prefix.subarray(end, got) };
  const bytes = new Uint8Array(end);
  bytes.set(prefix.subarray(0, got));
  const rest = await readPart(source, name, bytes.subarray(got), got, readOptions);
  // A short read leaves the header truncated: the parser reports NumPy's EOF error.
  return { header: readNpyHeader(bytes.subarray(0, got + rest), maxHeaderSize), extra: new Uint8Array(0) };
}

/** Python's repr of the shape tuple: `(10,)`, `(2, 3)`, `()`. */
function shapeRepr(shape: readonly number[]): string {
  return pythonRepr(new PyTuple(shape.map((n) => BigInt(n))));
}

/**
 * The error for data that ends early. NumPy reads a real file with
 * `numpy.fromfile` and counts whole items (`read_array` in
 * numpy/lib/_format_impl.py); any other stream with `_read_bytes`.
 */
function truncated(header: NpyHeader, nbytes: number, got: number, fromFile: boolean): ValueError {
  if (!fromFile) return eof("array data", nbytes, got);
  const count = nbytes / header.dtype.itemsize;
  const items = Math.floor(got / header.dtype.itemsize);
  return new ValueError(
    `Failed to read all data for array. Expected ${shapeRepr(header.shape)} = ${count} elements, ` +
      `could only read ${items} elements. (file seems not fully written?)`,
  );
}

/** Fresh memory for the data, or NumPy's MemoryError when the header claims more than can be allocated. */
function allocate(nbytes: number, shape: readonly number[]): Uint8Array {
  try {
    return new Uint8Array(nbytes);
  } catch {
    throw new MemoryError(`Unable to allocate ${nbytes} bytes for an array with shape ${shapeRepr(shape)}`);
  }
}

/** Reads the whole file from a descriptor or a stream. */
async function readNpy(source: ReadSource, name: string, options: LoadNpyFileOptions): Promise<NpyArray> {
  const { header, extra } = await readHeader(source, name, options);
  const nbytes = npyDataLength(header);
  const data = allocate(nbytes, header.shape);
  const first = Math.min(extra.length, nbytes);
  data.set(extra.subarray(0, first));
  const report = options.onProgress;
  const got = first + (await readPart(source, name, data.subarray(first), header.dataOffset + first, {
    ...readOptionsOf(options), ...(report && { onProgress: (done: number) => report(first + done, nbytes) }),
  }));
  if (got < nbytes) throw truncated(header, nbytes, got, typeof source === "number");
  const { dataOffset: _dataOffset, ...parts } = header;
  return new NpyArray({ ...parts, data, readonly: options.writable === false });
}

/** Each option read once, by core's one options check; the values are checked where they are used. */
const LOAD_NPY_FILE_OPTIONS: OptionChecks<LoadNpyFileOptions> = { chunkSize: optionChecks.any as OptionCheck<never>, maxHeaderSize: optionChecks.any as OptionCheck<never>, onProgress: optionChecks.any as OptionCheck<never>, writable: optionChecks.any as OptionCheck<never> };

/**
 * Reads an `.npy` file from a path, a file descriptor (from its current
 * position), a Node `Readable` (paused) or a web byte `ReadableStream`. The
 * header is read first and checked as `loadNpy` checks it (same parser, same
 * errors); its length is checked against `maxHeaderSize` before it is read.
 * The data then goes straight into one allocation of its final size: the
 * file is never held twice. A descriptor or stream is left open just after
 * the array's data, so several arrays can be read one after the other.
 *
 * @throws ValueError with NumPy's message for a bad magic string, version,
 * header, shape or dtype; for data that ends early, NumPy's "Failed to read
 * all data for array. ..." from a path or descriptor, its "EOF: reading array
 * data, expected N bytes got M" from a stream; "Object arrays cannot be loaded when allow_pickle=False".
 * @throws MemoryError when the header claims more data than can be allocated.
 * @throws ReadError (node-adapter's) when the file cannot be opened or the
 * source fails, with the OSError kind as `pythonType`.
 * @example
 * ```ts
 * import { saveNpyFile, loadNpyFile } from "@pybuffer/numpy/node";
 * await saveNpyFile("/tmp/a.npy", new Float32Array([1, 2]));
 * const a = await loadNpyFile("/tmp/a.npy");
 * [a.dtype, a.toList()]; // ["<f4", [1, 2]]
 * ```
 *
 * @since 0.1.0
 */
export async function loadNpyFile(source: ReadSource, options: LoadNpyFileOptions = {}): Promise<NpyArray> {
  options = readOptions(options, "loadNpyFile", LOAD_NPY_FILE_OPTIONS);
  if (typeof source !== "string" && !(source instanceof URL)) return readNpy(source, targetName(source), options);
  let file;
  try {
    file = await open(source, "r");
  } catch (error) {
    throw new ReadError(`open ${targetName(source)}`, error, 0);
  }
  try {
    return await readNpy(file.fd, targetName(source), options);
  } finally {
    await file.close();
  }
}
