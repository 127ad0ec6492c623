/**
 * A `memoryview` over bytes in the Pyodide heap, made by
 * `PyMemoryView_FromBuffer` (Objects/memoryobject.c) from a `Py_buffer`
 * this module writes: exact format, shape, strides and suboffsets, no copy.
 * The memoryview copies shape, strides and suboffsets but keeps the format
 * pointer, so formats are interned for the interpreter's lifetime.
 *
 * @module
 */

import { MemoryError, type BufferRecord } from "@pybuffer/core";
import type { PyodideAPI } from "pyodide";
import type { CApi } from "../internal/c-api.ts";
import { PY_BUFFER_SIZE, writePyBuffer } from "../internal/py-buffer.ts";
import { raisedError } from "../internal/raised.ts";

/** What the view shows: a record's fields, `buf` an address in the heap. */
export type HeapLayout = Pick<BufferRecord, "buf" | "len" | "itemsize" | "readonly" | "format" | "ndim" | "shape" | "strides" | "suboffsets">;

/** A memoryview and the heap block its `Py_buffer` lives in (freed by {@link freeHeapView}). */
export interface HeapView {
  /** The memoryview's address: a new reference, which the caller hands on or drops. */
  readonly view: number;
  readonly block: number;
}

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

/**
 * A memoryview of `layout` (its `obj` is None: the caller keeps the memory
 * alive until {@link freeHeapView}).
 *
 * @throws MemoryError when the heap has no room for the `Py_buffer`.
 */
export function heapView(pyodide: PyodideAPI, api: CApi, layout: HeapLayout): HeapView {
  const format = layout.format === null ? 0 : formatPointer(api, layout.format);
  const ndim = layout.ndim;
  const block = api._malloc(PY_BUFFER_SIZE + 12 * Math.max(ndim, 1));
  if (block === 0) throw new MemoryError("cannot allocate a Py_buffer in the Pyodide heap");
  const heap = new DataView(api.memory.buffer);
  const array = (values: readonly number[] | null, slot: number): number => {
    if (values === null || ndim === 0) return 0;
    const at = block + PY_BUFFER_SIZE + 4 * ndim * slot;
    for (let i = 0; i < ndim; i++) heap.setInt32(at + 4 * i, values[i]!, true);
    return at;
  };
  writePyBuffer(heap, block, {
    buf: layout.buf,
    len: layout.len,
    itemsize: layout.itemsize,
    readonly: layout.readonly,
    ndim,
    format,
    shape: array(layout.shape, 0),
    strides: array(layout.strides, 1),
    suboffsets: array(layout.suboffsets, 2),
  });
  const view = api._PyMemoryView_FromBuffer(block);
  if (view === 0) {
    api._free(block);
    throw raisedError(pyodide, api);
  }
  return { view, block };
}

/** Frees the `Py_buffer` block of a view whose memoryview Python has released (or never got). */
export function freeHeapView(api: CApi, heapViewMade: HeapView): void {
  api._free(heapViewMade.block);
}
