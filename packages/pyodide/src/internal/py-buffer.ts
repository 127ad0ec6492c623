/**
 * `Py_buffer` in the wasm32 heap (Include/pybuffer.h): eleven 4-byte fields,
 * pointers and `Py_ssize_t` alike, so the struct is 44 bytes.
 *
 * @module
 */

/** `sizeof(Py_buffer)` on wasm32. */
export const PY_BUFFER_SIZE = 44;

const BUF = 0;
const OBJ = 4;
const LEN = 8;
const ITEMSIZE = 12;
const READONLY = 16;
const NDIM = 20;
const FORMAT = 24;
const SHAPE = 28;
const STRIDES = 32;
const SUBOFFSETS = 36;
const INTERNAL = 40;

/** The fields a consumer reads, decoded from the heap. */
export interface PyBufferFields {
  readonly buf: number;
  readonly len: number;
  readonly itemsize: number;
  readonly readonly: boolean;
  readonly ndim: number;
  readonly format: string | null;
  readonly shape: readonly number[] | null;
  readonly strides: readonly number[] | null;
  readonly suboffsets: readonly number[] | null;
}

/** Reads the `Py_buffer` at `address`. Arrays are copied: the exporter owns the memory they lie in. */
export function readPyBuffer(heap: DataView, address: number): PyBufferFields {
  const ndim = heap.getInt32(address + NDIM, true);
  const array = (field: number): readonly number[] | null => {
    const pointer = heap.getUint32(address + field, true);
    if (pointer === 0 || ndim <= 0) return null;
    const values = new Array<number>(ndim);
    for (let i = 0; i < ndim; i++) values[i] = heap.getInt32(pointer + 4 * i, true);
    return values;
  };
  const format = heap.getUint32(address + FORMAT, true);
  return {
    buf: heap.getUint32(address + BUF, true),
    len: heap.getInt32(address + LEN, true),
    itemsize: heap.getInt32(address + ITEMSIZE, true),
    readonly: heap.getInt32(address + READONLY, true) !== 0,
    ndim,
    format: format === 0 ? null : cString(heap, format),
    shape: array(SHAPE),
    strides: array(STRIDES),
    suboffsets: array(SUBOFFSETS),
  };
}

/** A NUL-terminated C string; a format is ASCII (PEP 3118), so bytes are characters. */
function cString(heap: DataView, address: number): string {
  let text = "";
  for (let at = address; at < heap.byteLength; at++) {
    const byte = heap.getUint8(at);
    if (byte === 0) return text;
    text += String.fromCharCode(byte);
  }
  return text;
}

/**
 * What {@link writePyBuffer} needs: every field but `obj` and `internal`
 * (written as NULL), pointers already allocated in the heap.
 */
export interface PyBufferPointers {
  readonly buf: number;
  readonly len: number;
  readonly itemsize: number;
  readonly readonly: boolean;
  readonly ndim: number;
  /** 0 for NULL (format "B"). */
  readonly format: number;
  readonly shape: number;
  readonly strides: number;
  readonly suboffsets: number;
}

/** Writes a `Py_buffer` with `obj` and `internal` NULL at `address`. */
export function writePyBuffer(heap: DataView, address: number, fields: PyBufferPointers): void {
  heap.setUint32(address + OBJ, 0, true);
  heap.setUint32(address + INTERNAL, 0, true);
  heap.setUint32(address + BUF, fields.buf, true);
  heap.setInt32(address + LEN, fields.len, true);
  heap.setInt32(address + ITEMSIZE, fields.itemsize, true);
  heap.setInt32(address + READONLY, fields.readonly ? 1 : 0, true);
  heap.setInt32(address + NDIM, fields.ndim, true);
  heap.setUint32(address + FORMAT, fields.format, true);
  heap.setUint32(address + SHAPE, fields.shape, true);
  heap.setUint32(address + STRIDES, fields.strides, true);
  heap.setUint32(address + SUBOFFSETS, fields.suboffsets, true);
}
