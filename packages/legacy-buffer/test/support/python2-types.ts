/**
 * Models of the CPython 2.7 types the fixtures use as bases and operands:
 * `str`, `unicode` (a wide, UCS4 build, like the oracle's), `bytearray`,
 * `array.array`, `mmap.mmap` and ctypes objects. Each exports exactly the
 * old-protocol slots its type had (a missing method is a NULL slot), with
 * the same segment checks, errors and messages (each type's buffer procs in
 * CPython 2.7: Objects/stringobject.c, Objects/unicodeobject.c,
 * Objects/bytearrayobject.c, Modules/arraymodule.c, Modules/mmapmodule.c), and the
 * new protocol where the type had it. They let the fixture replay exercise
 * the package the way the real objects exercised bufferobject.c.
 */
import {
  BufferError,
  fillInfo,
  getBufferSymbol,
  PyTypeError,
  releaseBufferSymbol,
  serveRequest,
  SystemError,
  UnicodeEncodeError,
  ValueError,
  type BufferRecord,
} from "@pybuffer/core";
import {
  getCharBufferSymbol,
  getReadBufferSymbol,
  getSegmentCountSymbol,
  getWriteBufferSymbol,
  type SegmentCount,
} from "../../src/index.ts";

export const PYTHON_TYPE_NAME = Symbol.for("pybuffer.pythonTypeName");

function checkSegment(segment: number, message: string): void {
  if (segment !== 0) throw new SystemError(message);
}

/** Python 2's `str`: immutable bytes; a write slot that always refuses; the new protocol, read-only. */
export class PyStr {
  readonly bytes: Uint8Array;
  constructor(bytes: ArrayLike<number>) {
    this.bytes = Uint8Array.from(bytes);
  }
  get [PYTHON_TYPE_NAME](): string {
    return "str";
  }
  [getSegmentCountSymbol](): SegmentCount {
    return { count: 1, length: this.bytes.length };
  }
  [getReadBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "accessing non-existent string segment");
    return this.bytes;
  }
  [getWriteBufferSymbol](): never {
    throw new PyTypeError("Cannot use string as modifiable buffer");
  }
  [getCharBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "accessing non-existent string segment");
    return this.bytes;
  }
  [getBufferSymbol](flags: number): BufferRecord {
    return fillInfo(this, this.bytes.buffer, this.bytes.byteOffset, this.bytes.length, true, flags);
  }
}

/** Python 2's `unicode` on a wide build: raw UCS4 for reading, ASCII for the char slot, no new protocol. */
export class PyUnicode {
  readonly text: string;
  readonly #raw: Uint8Array;
  constructor(text: string) {
    this.text = text;
    const points = Array.from(text, (c) => c.codePointAt(0)!);
    this.#raw = new Uint8Array(points.length * 4);
    const view = new DataView(this.#raw.buffer);
    points.forEach((point, i) => view.setUint32(4 * i, point, true));
  }
  get [PYTHON_TYPE_NAME](): string {
    return "unicode";
  }
  [getSegmentCountSymbol](): SegmentCount {
    return { count: 1, length: this.#raw.length };
  }
  [getReadBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "accessing non-existent unicode segment");
    return this.#raw;
  }
  [getWriteBufferSymbol](): never {
    throw new PyTypeError("cannot use unicode as modifiable buffer");
  }
  [getCharBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "accessing non-existent unicode segment");
    const points = Array.from(this.text, (c) => c.codePointAt(0)!);
    const bad = points.findIndex((p) => p >= 0x80);
    if (bad >= 0) {
      let end = bad + 1;
      while (end < points.length && points[end]! >= 0x80) end++;
      const escape = (p: number): string =>
        p < 0x100 ? `\\x${p.toString(16).padStart(2, "0")}` : p < 0x10000 ? `\\u${p.toString(16).padStart(4, "0")}` : `\\U${p.toString(16).padStart(8, "0")}`;
      const what = end - bad === 1 ? `character u'${escape(points[bad]!)}' in position ${bad}` : `characters in position ${bad}-${end - 1}`;
      throw new UnicodeEncodeError(`'ascii' codec can't encode ${what}: ordinal not in range(128)`);
    }
    return Uint8Array.from(points);
  }
}

/** Storage that reallocates on every resize, like C's realloc may: old pointers go stale. */
class Resizable {
  bytes: Uint8Array;
  constructor(bytes: ArrayLike<number>) {
    this.bytes = Uint8Array.from(bytes);
  }
  replace(next: ArrayLike<number>): void {
    this.bytes = Uint8Array.from(next);
  }
}

/** Python slice bounds for `del a[lo:hi]`, step 1. */
function sliceBounds(length: number, lo: number | null, hi: number | null): [number, number] {
  const clamp = (i: number): number => Math.min(Math.max(i < 0 ? i + length : i, 0), length);
  const start = lo === null ? 0 : clamp(lo);
  const stop = hi === null ? length : clamp(hi);
  return [start, Math.max(start, stop)];
}

/** Python 2's `bytearray`: read, write and char slots; the new protocol, writable, with an export count. */
export class PyByteArray {
  readonly #storage: Resizable;
  exports = 0;
  constructor(bytes: ArrayLike<number>) {
    this.#storage = new Resizable(bytes);
  }
  get [PYTHON_TYPE_NAME](): string {
    return "bytearray";
  }
  get bytes(): Uint8Array {
    return this.#storage.bytes;
  }
  #resize(next: ArrayLike<number>): void {
    if (this.exports > 0) throw new BufferError("Existing exports of data: object cannot be re-sized");
    this.#storage.replace(next);
  }
  deleteSlice(lo: number | null, hi: number | null): void {
    const [start, stop] = sliceBounds(this.bytes.length, lo, hi);
    this.#resize([...this.bytes.subarray(0, start), ...this.bytes.subarray(stop)]);
  }
  extend(more: ArrayLike<number>): void {
    this.#resize([...this.bytes, ...Array.from(more)]);
  }
  setItem(index: number, byte: number): void {
    this.bytes[index < 0 ? index + this.bytes.length : index] = byte;
  }
  [getSegmentCountSymbol](): SegmentCount {
    return { count: 1, length: this.bytes.length };
  }
  [getReadBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "accessing non-existent bytes segment");
    return this.bytes;
  }
  [getWriteBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "accessing non-existent bytes segment");
    return this.bytes;
  }
  [getCharBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "accessing non-existent bytes segment");
    return this.bytes;
  }
  [getBufferSymbol](flags: number): BufferRecord {
    const record = fillInfo(this, this.bytes.buffer, this.bytes.byteOffset, this.bytes.length, false, flags);
    this.exports++;
    return record;
  }
  [releaseBufferSymbol](): void {
    this.exports--;
  }
}

const ITEM_SIZES: Record<string, number> = { b: 1, B: 1, c: 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, f: 4, d: 8 };

/** Python 2's `array.array`: read and write slots only (no char slot, no new protocol). */
export class PyArray {
  readonly #storage: Resizable;
  readonly itemsize: number;
  constructor(typecode: string, bytes: ArrayLike<number>) {
    this.itemsize = ITEM_SIZES[typecode]!;
    this.#storage = new Resizable(bytes);
  }
  get [PYTHON_TYPE_NAME](): string {
    return "array.array";
  }
  get bytes(): Uint8Array {
    return this.#storage.bytes;
  }
  extend(bytes: ArrayLike<number>): void {
    this.#storage.replace([...this.bytes, ...Array.from(bytes)]);
  }
  pop(): void {
    this.#storage.replace(this.bytes.subarray(0, this.bytes.length - this.itemsize));
  }
  [getSegmentCountSymbol](): SegmentCount {
    return { count: 1, length: this.bytes.length };
  }
  [getReadBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "Accessing non-existent array segment");
    return this.bytes;
  }
  [getWriteBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "Accessing non-existent array segment");
    return this.bytes;
  }
}

/** Python 2's `mmap.mmap`: closable and resizable; read-only when made with ACCESS_READ. */
export class PyMmap {
  readonly #storage: Resizable;
  readonly writable: boolean;
  closed = false;
  constructor(bytes: ArrayLike<number>, access: "read" | "write") {
    this.#storage = new Resizable(bytes);
    this.writable = access === "write";
  }
  get [PYTHON_TYPE_NAME](): string {
    return "mmap.mmap";
  }
  get bytes(): Uint8Array {
    this.#checkValid();
    return this.#storage.bytes;
  }
  #checkValid(): void {
    if (this.closed) throw new ValueError("mmap closed or invalid");
  }
  resize(size: number): void {
    this.#checkValid();
    const next = new Uint8Array(size);
    next.set(this.#storage.bytes.subarray(0, size));
    this.#storage.replace(next);
  }
  close(): void {
    this.closed = true;
  }
  [getSegmentCountSymbol](): SegmentCount {
    this.#checkValid();
    return { count: 1, length: this.#storage.bytes.length };
  }
  [getReadBufferSymbol](segment: number): Uint8Array {
    this.#checkValid();
    checkSegment(segment, "Accessing non-existent mmap segment");
    return this.#storage.bytes;
  }
  [getWriteBufferSymbol](segment: number): Uint8Array {
    this.#checkValid();
    checkSegment(segment, "Accessing non-existent mmap segment");
    if (!this.writable) throw new PyTypeError("mmap can't modify a readonly memory map.");
    return this.#storage.bytes;
  }
  [getCharBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "accessing non-existent buffer segment");
    this.#checkValid(); // C reads the freed pointer here; the model refuses instead
    return this.#storage.bytes;
  }
}

const CTYPES_MESSAGES = {
  notWritable: "ctypes object is not writable",
  notCContiguous: "ctypes object is not C-contiguous",
  notFortranContiguous: "ctypes object is not Fortran contiguous",
  notContiguous: "ctypes object is not contiguous",
  needsSuboffsets: "ctypes object requires suboffsets",
  formatWithoutShape: "ctypes object: format requires shape",
};

/** A ctypes instance: read and write slots, a segment count whose length is always 1 (2.7's bug), the new protocol. */
export class PyCtypes {
  readonly bytes: Uint8Array;
  readonly #typeName: string;
  readonly #format: string;
  readonly #shape: readonly number[];
  constructor(bytes: ArrayLike<number>, typeName: string, format: string, shape: readonly number[]) {
    this.bytes = Uint8Array.from(bytes);
    this.#typeName = typeName;
    this.#format = format;
    this.#shape = shape;
  }
  get [PYTHON_TYPE_NAME](): string {
    return this.#typeName;
  }
  [getSegmentCountSymbol](): SegmentCount {
    return { count: 1, length: 1 };
  }
  [getReadBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "ctypes: no such segment"); // 2.7 returns -1 without an exception; not replayed
    return this.bytes;
  }
  [getWriteBufferSymbol](segment: number): Uint8Array {
    checkSegment(segment, "ctypes: no such segment");
    return this.bytes;
  }
  [getBufferSymbol](flags: number): BufferRecord {
    const ndim = this.#shape.length;
    const itemsize = ndim === 0 ? this.bytes.length : this.bytes.length / this.#shape[0]!;
    const base: BufferRecord = {
      obj: this,
      memory: this.bytes.buffer,
      buf: this.bytes.byteOffset,
      len: this.bytes.length,
      itemsize,
      readonly: false,
      format: this.#format,
      ndim,
      shape: ndim === 0 ? null : this.#shape,
      strides: ndim === 0 ? null : [itemsize],
      suboffsets: null,
      internal: null,
    };
    return serveRequest(base, flags, this, { cContiguous: true, fortranContiguous: true }, CTYPES_MESSAGES);
  }
}

/** Python's `object()`. */
export class PyObject {
  get [PYTHON_TYPE_NAME](): string {
    return "object";
  }
}
