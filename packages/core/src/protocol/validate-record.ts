/**
 * What a consumer checks before it uses a record an exporter returned: a
 * consumer never trusts an exporter (DESIGN.md). The checks are those of
 * `test_buffer.verify_structure` and of the request table in Doc/c-api/buffer.rst ("Buffer request types"),
 * plus that every reachable item, through suboffset pointers too, lies
 * inside the memory block.
 *
 * @module
 */

import { pythonTypeName } from "../internal/python-type-name.ts";
import { abiProfile, isAbiName, type AbiName, type AbiProfile } from "../format/abi.ts";
import { formatSize } from "../format/format-size.ts";
import { cachedExtendedFormat, isFormatError } from "../pep3118/cached-extended-format.ts";
import { minimumItemsize } from "../pep3118/extended-type.ts";
import type { BufferRecord, MemoryBlock } from "./buffer-record.ts";
import { isDetached, isMemoryBlock } from "./builtin-exporters.ts";
import { blockByteLength } from "../internal/block-size.ts";
import { isContiguous, type BufferLayout } from "./contiguity.ts";
import { BufferFlags, MAX_NDIM, requests } from "./flags.ts";
import { readPointer } from "./pointers.ts";

/**
 * Describes the first thing wrong with `record` as an answer to `flags`, or
 * returns `null` when it is sound.
 */
export function recordProblem(
  record: unknown,
  flags: number,
  defaultAbi: AbiName | undefined,
  maxNdim: number = MAX_NDIM,
): string | null {
  if (typeof record !== "object" || record === null) {
    return `the get-buffer method returned ${pythonTypeName(record)}, not a buffer record`;
  }
  const r = record as Partial<Record<keyof BufferRecord, unknown>>;
  if (r.abi !== undefined && !isAbiName(r.abi)) return `abi ${String(r.abi)} is not a known ABI profile`;
  const abi = abiProfile((r.abi as AbiName | undefined) ?? defaultAbi);
  if (!isMemoryBlock(r.memory)) return "memory is not an ArrayBuffer or SharedArrayBuffer";
  if (isDetached(r.memory)) return "its memory is a detached ArrayBuffer";
  if (!isSafeInteger(r.buf)) return `buf ${String(r.buf)} is not an integer byte offset`;
  if (typeof r.readonly !== "boolean") return "readonly is not a boolean";
  if (r.format !== null && typeof r.format !== "string") return "format is neither a string nor null";
  const layoutError = layoutProblem(r, maxNdim);
  if (layoutError !== null) return layoutError;
  const view = r as BufferRecord;
  return (
    requestProblem(view, flags) ??
    sizeProblem(view, abi) ??
    boundsProblem(view, abi)
  );
}

/**
 * Describes the first thing wrong with the fields contiguity depends on
 * (`len`, `itemsize`, `ndim`, `shape`, `strides`, `suboffsets`: their
 * kinds and lengths), or returns `null`. The caller has read each field once.
 */
export function layoutProblem(r: Partial<Record<keyof BufferLayout, unknown>>, maxNdim: number = MAX_NDIM): string | null {
  if (!isSafeInteger(r.len) || r.len < 0) return `len ${String(r.len)} is not a non-negative integer`;
  if (!isSafeInteger(r.itemsize) || r.itemsize < 1) return `itemsize ${String(r.itemsize)} is not a positive integer`;
  if (!isSafeInteger(r.ndim) || r.ndim < 0) return `ndim ${String(r.ndim)} is not a non-negative integer`;
  if (r.ndim > maxNdim) return `ndim ${r.ndim} exceeds the maximum of ${maxNdim}`;
  const ndim = r.ndim;
  // A stride may be any Py_ssize_t a double holds (a huge step over at most
  // one item gives one past 2**53); shape and suboffsets stay safe integers.
  if (!isIntegerArray(r.shape, ndim, false)) return `shape is not null or an array of ${ndim} integers`;
  if (!isIntegerArray(r.strides, ndim, true)) return `strides is not null or an array of ${ndim} integers`;
  if (!isIntegerArray(r.suboffsets, ndim, false)) return `suboffsets is not null or an array of ${ndim} integers`;
  return null;
}

function isSafeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isSsizeStride(value: unknown): value is number {
  return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 63;
}

/** Null, or an array of `ndim` integers (strides: any Py_ssize_t; otherwise safe integers). A loop, not every(): this runs on every export. */
function isIntegerArray(value: unknown, ndim: number, stride: boolean): boolean {
  if (value === null) return true;
  if (!Array.isArray(value) || value.length !== ndim) return false;
  for (let i = 0; i < ndim; i++) {
    if (!(stride ? isSsizeStride(value[i]) : isSafeInteger(value[i]))) return false;
  }
  return true;
}

/** The fields the request makes mandatory or forbids (Doc/c-api/buffer.rst, "Buffer request types"). */
function requestProblem(view: BufferRecord, flags: number): string | null {
  if (requests(flags, BufferFlags.WRITABLE) && view.readonly) return "WRITABLE was requested but the buffer is read-only";
  if (requests(flags, BufferFlags.FORMAT) !== (view.format !== null)) {
    return requests(flags, BufferFlags.FORMAT) ? "FORMAT was requested but format is null" : "format is set but FORMAT was not requested";
  }
  if (view.ndim === 0) {
    if (view.shape !== null || view.strides !== null || view.suboffsets !== null) {
      return "a 0-dimensional buffer must have null shape, strides and suboffsets";
    }
    return null;
  }
  if (requests(flags, BufferFlags.ND) !== (view.shape !== null)) {
    return requests(flags, BufferFlags.ND) ? "ND was requested but shape is null" : "shape is set but ND was not requested";
  }
  if (view.shape === null && view.ndim !== 1) return `a buffer without shape must have ndim 1, not ${view.ndim}`;
  if (requests(flags, BufferFlags.STRIDES) !== (view.strides !== null)) {
    return requests(flags, BufferFlags.STRIDES) ? "STRIDES was requested but strides is null" : "strides is set but STRIDES was not requested";
  }
  if (view.suboffsets !== null && !requests(flags, BufferFlags.INDIRECT)) {
    return "suboffsets are set but INDIRECT was not requested";
  }
  if (view.shape !== null) {
    // A loop, not some(): the snapshot's arrays are frozen, and V8 takes a slow path for some() over those.
    for (let i = 0; i < view.shape.length; i++) if (view.shape[i]! < 0) return "shape has a negative extent";
  }
  return (
    contiguityProblem(view, flags, BufferFlags.C_CONTIGUOUS, "C", "C-contiguous") ??
    contiguityProblem(view, flags, BufferFlags.F_CONTIGUOUS, "F", "Fortran contiguous") ??
    contiguityProblem(view, flags, BufferFlags.ANY_CONTIGUOUS, "A", "contiguous")
  );
}

/** A contiguity `request` the buffer does not meet in `order`. */
function contiguityProblem(view: BufferRecord, flags: number, request: number, order: "C" | "F" | "A", name: string): string | null {
  return requests(flags, request) && !isContiguous(view, order) ? `${name} was requested but the buffer is not ${name}` : null;
}

/** `len == product(shape) * itemsize`, and itemsize agrees with a format `struct` understands. */
function sizeProblem(view: BufferRecord, abi: AbiProfile): string | null {
  if (view.ndim === 0 && view.len !== view.itemsize) return `len ${view.len} != itemsize ${view.itemsize} for a 0-dimensional buffer`;
  if (view.shape !== null) {
    // A loop, not reduce(): the snapshot's arrays are frozen (see requestProblem).
    let expected = view.itemsize;
    for (let i = 0; i < view.shape.length; i++) expected *= view.shape[i]!;
    if (expected !== view.len) return `len ${view.len} != product(shape) * itemsize = ${expected}`;
  }
  return view.format === null ? null : itemsizeProblem(view.format, view.itemsize, abi);
}

/** `itemsize` agrees with `format`: `calcsize(format)`, or, for NumPy's extended grammar, room for its fields. */
export function itemsizeProblem(format: string, itemsize: number, abi: AbiProfile): string | null {
  let size: number;
  try {
    size = formatSize(format, abi.name);
  } catch {
    return extendedSizeProblem(format, itemsize, abi);
  }
  return size === itemsize ? null : `itemsize ${itemsize} != calcsize(${JSON.stringify(format)}) = ${size}`;
}

/**
 * A format of NumPy's extended grammar ('T{...}', 'Zd', 'w'): its fields must
 * fit in the itemsize. NumPy's exports may carry trailing padding the format
 * does not spell out, so a larger itemsize is accepted. A format neither
 * grammar parses stays allowed: only byte-level access works on it.
 */
function extendedSizeProblem(format: string, itemsize: number, abi: AbiProfile): string | null {
  const type = cachedExtendedFormat(format, abi);
  if (isFormatError(type)) return null;
  const needed = minimumItemsize(type);
  return needed <= itemsize ? null : `itemsize ${itemsize} < ${needed}, the bytes the fields of ${JSON.stringify(format)} span`;
}

/**
 * Every byte any index can reach lies inside the memory block. Consumers
 * call it again before touching memory that may have been resized since.
 */
export function boundsProblem(view: BufferRecord, abi: AbiProfile): string | null {
  const memoryLength = blockByteLength(view.memory);
  // An empty buffer reaches no byte, so its buf may lie anywhere (an empty
  // slice of a reversed view starts before the block, as in CPython).
  if (view.len === 0 || (view.ndim > 0 && view.shape !== null && hasZeroExtent(view.shape))) return null;
  if (view.shape === null) {
    // SIMPLE-style: the len bytes from buf.
    return view.buf >= 0 && view.buf + view.len <= memoryLength ? null : `buffer reaches ${outside(memoryLength)}`;
  }
  const strides = view.strides ?? cStrides(view.shape, view.itemsize);
  if (view.suboffsets === null) {
    // The lowest and highest byte offsets of items, summed in place (this runs on every export).
    let low = view.buf;
    let high = view.buf + view.itemsize;
    for (let i = 0; i < view.shape.length; i++) {
      const span = strides[i]! * (view.shape[i]! - 1);
      if (span < 0) low += span;
      else high += span;
    }
    return low >= 0 && high <= memoryLength ? null : `strides reach ${outside(memoryLength)}`;
  }
  return reachable(view.memory, view.buf, view.shape, strides, view.suboffsets, view.itemsize, abi)
    ? null
    : `strides or suboffset pointers reach ${outside(memoryLength)}`;
}

/** A loop, not includes(): V8 takes a slow path for the array builtins over frozen arrays. */
function hasZeroExtent(shape: readonly number[]): boolean {
  for (let i = 0; i < shape.length; i++) if (shape[i] === 0) return true;
  return false;
}

function outside(memoryLength: number): string {
  return `items outside the memory block of ${memoryLength} bytes`;
}

function cStrides(shape: readonly number[], itemsize: number): number[] {
  const strides = new Array<number>(shape.length);
  let stride = itemsize;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i]!;
  }
  return strides;
}

/** The lowest and highest byte offsets, relative to the start, of items over dimensions `from..ndim-1`. */
function extent(shape: readonly number[], strides: readonly number[], from: number): [number, number] {
  let low = 0;
  let high = 0;
  for (let i = from; i < shape.length; i++) {
    const span = strides[i]! * (shape[i]! - 1);
    if (span < 0) low += span;
    else high += span;
  }
  return [low, high];
}

/**
 * Walks the PIL structure one dimension at a time: at each dimension up
 * to the last one with a suboffset, every distinct table start (a
 * "frontier" offset) lays out `shape[dim]` cells `stride` bytes apart; each
 * distinct cell is visited once, and where the dimension has a suboffset its
 * pointer is read (its bytes checked first) and followed. Below the last
 * such dimension a plain extent check of each distinct start suffices.
 *
 * Cost: every cell lies inside the block (each table's span is checked
 * before its cells are visited), so a dimension visits at most M + 1
 * distinct cells (M = `memory.byteLength`) and the next frontier is no
 * larger; the whole walk is O(ndim * (M + 1)), whatever the shape's product
 * (cycles, shared tables and deep chains included). CPython's own
 * `verify_structure` in Lib/test/test_buffer.py follows every path instead.
 */
function reachable(
  memory: MemoryBlock,
  start: number,
  shape: readonly number[],
  strides: readonly number[],
  suboffsets: readonly number[],
  itemsize: number,
  abi: AbiProfile,
): boolean {
  const memoryLength = blockByteLength(memory);
  const lastIndirect = suboffsets.findLastIndex((s) => s >= 0);
  let frontier: Iterable<number> = [start];
  for (let dim = 0; dim <= lastIndirect; dim++) {
    const stride = strides[dim]!;
    // A stride of 0 repeats one cell: visiting the first visits them all.
    const count = stride === 0 ? 1 : shape[dim]!;
    const span = stride * (count - 1);
    const step = Math.abs(stride);
    const suboffset = suboffsets[dim]!;
    const cells = new Set<number>();
    const next = new Set<number>();
    for (const table of frontier) {
      // The lowest cell first: every table of this dimension is then the
      // same ascending progression, so meeting a visited cell means the rest
      // of this table was visited too (by a table that starts at or after
      // it, or that contains this table's start).
      const first = table + Math.min(span, 0);
      if (first < 0 || first + Math.abs(span) > memoryLength) return false;
      for (let i = 0, cell = first; i < count && !cells.has(cell); i++, cell += step) {
        cells.add(cell);
        if (suboffset < 0) {
          next.add(cell);
          continue;
        }
        const target = readPointer(memory, cell, abi);
        if (target === null) return false;
        next.add(target + suboffset);
      }
    }
    frontier = next;
  }
  const [low, high] = extent(shape, strides, lastIndirect + 1);
  for (const table of frontier) {
    if (table + low < 0 || table + high + itemsize > memoryLength) return false;
  }
  return true;
}
