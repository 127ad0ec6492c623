/**
 * A `memoryview` over bytes in the Pyodide heap, made by
 * `PyMemoryView_FromBuffer` (Objects/memoryobject.c) from a `Py_buffer`
 * this module writes: exact format, shape, strides and suboffsets, no copy.
 *
 * The `Py_buffer` is written into one block per interpreter, reused for
 * every view: `PyMemoryView_FromBuffer` copies the struct into its managed
 * buffer and `mbuf_add_view` copies shape, strides and suboffsets into the
 * view's own array, and neither is read from the `Py_buffer` again (as
 * CPython's `_bufferedreader_raw_read`, Modules/_io/bufferedio.c, relies on
 * with a `Py_buffer` on its stack). The format pointer is kept, so formats
 * are interned for the interpreter's lifetime.
 *
 * @module
 */

import { MAX_NDIM, MemoryError, type BufferRecord } from "@pybuffer/core";
import type { PyodideAPI } from "pyodide";
import type { CApi } from "../internal/c-api.ts";
import { PY_BUFFER_SIZE, writePyBuffer } from "../internal/py-buffer.ts";
import { raisedError } from "../internal/raised.ts";

/** What the view shows: a record's fields, `buf` an address in the heap. */
export type HeapLayout = Pick<BufferRecord, "buf" | "len" | "itemsize" | "readonly" | "format" | "ndim" | "shape" | "strides" | "suboffsets">;

const formats = new WeakMap<object, Map<string, number>>();

/** The interned NUL-terminated copy of `format` in the heap. */
function formatPointer(api: CApi, format: string): number {
  let table = formats.get(api);
  if (table === undefined) formats.set(api, (table = new Map()));
  let pointer = table.get(format);
  if (pointer === undefined) {
    pointer = api._malloc(format.length + 1);
    if (pointer === 0) throw new MemoryError("cannot allocate a format string in the Pyodide heap");
    const bytes = new Uint8Array(api.memory.buffer, pointer, format.length + 1);
    for (let i = 0; i < format.length; i++) bytes[i] = format.charCodeAt(i);
    bytes[format.length] = 0;
    table.set(format, pointer);
  }
  return pointer;
}

/** The `Py_buffer` block of each interpreter's C API, with room for {@link MAX_NDIM} dimensions. */
const scratchBlocks = new WeakMap<object, number>();

function scratchBlock(api: CApi): number {
  let block = scratchBlocks.get(api);
  if (block === undefined) {
    block = api._malloc(PY_BUFFER_SIZE + 12 * MAX_NDIM);
    if (block === 0) throw new MemoryError("cannot allocate a Py_buffer in the Pyodide heap");
    scratchBlocks.set(api, block);
  }
  return block;
}

/** A DataView of the heap's current buffer, made again only after the heap grew. */
const heapViews = new WeakMap<object, DataView>();

function heapDataView(api: CApi): DataView {
  const buffer = api.memory.buffer;
  let view = heapViews.get(api);
  if (view === undefined || view.buffer !== buffer) heapViews.set(api, (view = new DataView(buffer)));
  return view;
}

/** Writes `values` (or nothing, for null or 0-d) at slot `slot` of the scratch block's arrays; the pointer, or 0 for NULL. */
function writeArray(heap: DataView, block: number, slot: number, values: readonly number[] | null, ndim: number): number {
  if (values === null || ndim === 0) return 0;
  const at = block + PY_BUFFER_SIZE + 4 * MAX_NDIM * slot;
  for (let i = 0; i < ndim; i++) heap.setInt32(at + 4 * i, values[i]!, true);
  return at;
}

/**
 * The address of a new memoryview of `layout` (a new reference, which the
 * caller hands on or drops). Its `obj` is None: the caller keeps the memory
 * alive while Python holds the view. `layout` is a validated record's (at
 * most {@link MAX_NDIM} dimensions).
 *
 * @throws MemoryError when the heap has no room for the `Py_buffer`.
 */
export function heapView(pyodide: PyodideAPI, api: CApi, layout: HeapLayout): number {
  const format = layout.format === null ? 0 : formatPointer(api, layout.format);
  const ndim = layout.ndim;
  const block = scratchBlock(api);
  const heap = heapDataView(api);
  writePyBuffer(heap, block, {
    buf: layout.buf,
    len: layout.len,
    itemsize: layout.itemsize,
    readonly: layout.readonly,
    ndim,
    format,
    shape: writeArray(heap, block, 0, layout.shape, ndim),
    strides: writeArray(heap, block, 1, layout.strides, ndim),
    suboffsets: writeArray(heap, block, 2, layout.suboffsets, ndim),
  });
  const view = api._PyMemoryView_FromBuffer(block);
  if (view === 0) throw raisedError(pyodide, api);
  return view;
}
