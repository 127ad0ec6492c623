/**
 * Cutting a buffer into C-order pieces of bounded size, so that I/O never
 * builds one giant contiguous copy of a large or strided view. Each piece is
 * a record over the same memory (a run of bytes, or a block of whole rows of
 * some dimension); core's `toContiguous`/`fromContiguous` move its bytes
 * and check, every time, that the memory is still there.
 *
 * @module
 */

import {
  BufferError,
  currentBlock,
  fillContiguousStrides,
  isContiguous,
  toContiguous,
  unpackFrom,
  type AbiName,
  type BufferRecord,
} from "@pybuffer/core";
import { abiOptions } from "../internal/abi-options.ts";
import { assertMemoryReaches } from "../platform/memory-state.ts";

/** Bytes per piece when the caller does not say: large enough for few system calls, small enough to be cheap. */
export const DEFAULT_CHUNK_SIZE = 1 << 20;

/** One piece of a buffer, in C order. */
export interface Chunk {
  /** The piece's items, as a record over the buffer's memory. */
  readonly record: BufferRecord;
  /** Whether the piece is one run of bytes, `[record.buf, record.buf + record.len)`. */
  readonly contiguous: boolean;
}

/** Checks a `chunkSize` option. */
export function chunkSizeOption(value: number | undefined): number {
  const size = value ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`chunkSize must be a positive integer, not ${String(size)}`);
  return size;
}

/**
 * The pieces of `record`, in C order, each at most `maxBytes` long (one item
 * when a single item is larger). Concatenated, their bytes are exactly
 * `toContiguous(record, "C")`.
 */
export function chunksOf(record: BufferRecord, maxBytes: number, abi: AbiName | undefined): IterableIterator<Chunk> {
  if (record.len === 0) return [].values();
  if (record.len <= maxBytes) {
    // One piece: the record itself, which core copies without validating it
    // again when getBuffer issued it (a new piece record is validated like
    // an exporter's answer, which costs more than copying 8 KB). No
    // generator either: most calls write one small piece, and starting a
    // generator costs more per call than the rest of the plan.
    return [{ record, contiguous: isContiguous(record, "C") }].values();
  }
  return piecesOf(record, maxBytes, abi);
}

/** {@link chunksOf} for a record longer than `maxBytes`. */
function* piecesOf(record: BufferRecord, maxBytes: number, abi: AbiName | undefined): Generator<Chunk> {
  if (isContiguous(record, "C")) {
    for (let offset = 0; offset < record.len; offset += maxBytes) {
      yield { record: byteRun(record, record.buf + offset, Math.min(maxBytes, record.len - offset)), contiguous: true };
    }
    return;
  }
  const itemsize = record.itemsize;
  const shape = record.shape ?? [Math.floor(record.len / itemsize)];
  const strides = record.strides ?? fillContiguousStrides(shape, itemsize, "C");
  const ndim = shape.length;
  // tail[k]: the bytes of one index of dimension k (the whole sub-array below it).
  const tail = new Array<number>(ndim);
  let size = itemsize;
  for (let k = ndim - 1; k >= 0; k--) {
    tail[k] = size;
    size *= shape[k]!;
  }
  // Split at the outermost dimension whose sub-arrays fit; whole items at worst.
  let split = 0;
  while (split < ndim - 1 && tail[split]! > maxBytes) split++;
  const step = Math.max(1, Math.floor(maxBytes / tail[split]!));
  const index = new Array<number>(split).fill(0);
  for (;;) {
    const base = prefixPointer(record, strides, index, abi);
    for (let j = 0; j < shape[split]!; j += step) {
      const count = Math.min(step, shape[split]! - j);
      const piece: BufferRecord = {
        ...record,
        obj: null,
        buf: base + j * strides[split]!,
        len: count * tail[split]!,
        ndim: ndim - split,
        shape: [count, ...shape.slice(split + 1)],
        strides: strides.slice(split),
        suboffsets: record.suboffsets === null ? null : record.suboffsets.slice(split),
        internal: null,
      };
      yield { record: piece, contiguous: isContiguous(piece, "C") };
    }
    // The odometer over the dimensions before the split, last one fastest.
    let level = split - 1;
    for (; level >= 0; level--) {
      if (++index[level]! < shape[level]!) break;
      index[level] = 0;
    }
    if (level < 0) return;
  }
}

/** The bytes of the largest chunk of `record`: what a scratch buffer for its chunks needs. */
export function scratchLength(record: BufferRecord, chunkSize: number): number {
  return Math.max(Math.min(chunkSize, record.len), record.itemsize);
}

/**
 * The C-order bytes of a chunk: a window of the memory itself when the chunk
 * is one run and `direct` is allowed, else a copy in the buffer `scratch`
 * gives for its length (at least that long). Either way, first checks that
 * the memory is still there (for a run, through the memory's built-in
 * `byteLength` getter: an ArrayBuffer's own `byteLength` may lie).
 */
export function chunkBytes(
  chunk: Chunk,
  direct: boolean,
  abi: AbiName | undefined,
  scratch: (length: number) => Uint8Array,
): Uint8Array {
  const { record } = chunk;
  if (chunk.contiguous) {
    // A grown WebAssembly.Memory is read at the same offsets in its current buffer.
    const memory = currentBlock(record.memory);
    assertMemoryReaches(memory, record.buf + record.len, "the buffer");
    const run = new Uint8Array(memory, record.buf, record.len);
    if (direct) return run;
    const copy = scratch(record.len).subarray(0, record.len);
    copy.set(run);
    return copy;
  }
  return toContiguous(record, "C", scratch(record.len).subarray(0, record.len), abiOptions(abi));
}

/** A 1-D record of `len` bytes at `buf`, with `record`'s memory and flags. */
function byteRun(record: BufferRecord, buf: number, len: number): BufferRecord {
  return { ...record, obj: null, buf, len, itemsize: 1, format: null, ndim: 1, shape: [len], strides: [1], suboffsets: null, internal: null };
}

/**
 * The address where the sub-array at `index` (the leading dimensions) starts,
 * following suboffset pointers as `PyBuffer_GetPointer` does.
 */
function prefixPointer(record: BufferRecord, strides: readonly number[], index: readonly number[], abi: AbiName | undefined): number {
  let pointer = record.buf;
  const suboffsets = record.suboffsets;
  for (let dim = 0; dim < index.length; dim++) {
    pointer += strides[dim]! * index[dim]!;
    const suboffset = suboffsets?.[dim] ?? -1;
    if (suboffset >= 0) pointer = readPointer(record, pointer, record.abi ?? abi) + suboffset;
  }
  return pointer;
}

/** The native pointer stored at `at` (a byte offset into the same memory). */
function readPointer(record: BufferRecord, at: number, abi: AbiName | undefined): number {
  let value: unknown;
  try {
    [value] = unpackFrom(abi === undefined ? "P" : { format: "P", abi }, currentBlock(record.memory), at);
  } catch {
    throw new BufferError(`suboffset pointer at byte ${at} is outside the memory block`);
  }
  const pointer = Number(value);
  if (!Number.isSafeInteger(pointer)) throw new BufferError(`suboffset pointer at byte ${at} is not a byte offset`);
  return pointer;
}
