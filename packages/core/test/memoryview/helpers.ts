/**
 * Fixtures shared by the memoryview tests: a way to assert an error's Python
 * type and message in one `toEqual`; Python's `bytes` and `bytearray` as
 * exporters that count their exports; test_memoryview.py's source ×
 * indirection matrix; the `_testbuffer.ndarray` layouts the tests reuse; and
 * a ctypes-like exporter whose format struct cannot parse.
 */
import {
  BufferFlags,
  fillInfo,
  getBufferSymbol,
  memoryview,
  NDArray,
  NDArrayFlags,
  releaseBufferSymbol,
  slice,
  type BufferRecord,
  type MemoryView,
} from "../../src/index.ts";

/** Python's type and message of what `fn` threw. */
export interface Raised {
  readonly pythonType: unknown;
  readonly message: string;
}

/** Runs `fn` and returns what it threw, so a test can assert on type and message together. */
export function thrown(fn: () => unknown): Raised {
  try {
    fn();
  } catch (error) {
    return { pythonType: (error as { pythonType?: unknown }).pythonType, message: (error as Error).message };
  }
  throw new Error("expected an exception");
}

/** The error CPython raises, as {@link thrown} reports it. */
export function py(pythonType: string, message: string): Raised {
  return { pythonType, message };
}

/** What every operation on a released view raises. */
export const RELEASED = py("ValueError", "operation forbidden on released memoryview object");

/** `b"..."`: a latin-1 string as bytes. */
export function b(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/** The bytes as a latin-1 string, to compare with a `b"..."` literal. */
export function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/**
 * Python's `bytes` or `bytearray`: a 1-D `'B'` exporter (`PyBuffer_FillInfo`)
 * that counts its exports, so a test sees when a view gives its buffer back.
 */
export class Bytes {
  readonly memory: ArrayBuffer;
  readonly readonly: boolean;
  exports = 0;
  gets = 0;
  releases = 0;
  constructor(content: Uint8Array | string, readonly: boolean) {
    const bytes = typeof content === "string" ? b(content) : content;
    this.memory = new ArrayBuffer(bytes.length);
    new Uint8Array(this.memory).set(bytes);
    this.readonly = readonly;
  }
  [getBufferSymbol](flags: number): BufferRecord {
    const view = fillInfo(this, this.memory, 0, this.memory.byteLength, this.readonly, flags);
    this.gets++;
    this.exports++;
    return view;
  }
  [releaseBufferSymbol](): void {
    this.releases++;
    this.exports--;
  }
  /** The content as a latin-1 string. */
  toString(): string {
    return latin1(new Uint8Array(this.memory));
  }
}

/** Python's `bytes(content)`: read-only. */
export const bytes = (content: Uint8Array | string): Bytes => new Bytes(content, true);
/** Python's `bytearray(content)`: writable. */
export const bytearray = (content: Uint8Array | string): Bytes => new Bytes(content, false);

/**
 * test_memoryview.py's matrix, one axis: the source objects. `bytes`/`bytearray`
 * give `'B'` views; `array('i')` (an `Int32Array` here) gives `'i'` views and has
 * no read-only type. The source of `b"abcdef"` is one item per byte.
 */
export interface MatrixSource {
  readonly name: string;
  readonly format: string;
  readonly itemsize: number;
  /** The read-only type (`bytes`), if the source has one. */
  readonly ro: ((content: string) => object) | undefined;
  /** The writable type (`bytearray`, `array('i')`). */
  readonly rw: (content: string) => object;
  /** The items of an object this source made, as a latin-1 string (one char per item). */
  readonly items: (obj: object) => string;
}

export const MATRIX_SOURCES: readonly MatrixSource[] = [
  {
    name: "bytes/bytearray",
    format: "B",
    itemsize: 1,
    ro: bytes,
    rw: bytearray,
    items: (obj) => String(obj),
  },
  {
    name: "array('i') (Int32Array)",
    format: "i",
    itemsize: 4,
    ro: undefined,
    rw: (content) => Int32Array.from(b(content)),
    items: (obj) => String.fromCharCode(...(obj as Int32Array)),
  },
];

/**
 * The other axis: how the view is reached. The sliced variants view
 * `b"XabcdefY"`, so their window into the source is items 1 to 7.
 */
export interface MatrixIndirection {
  readonly name: string;
  readonly source: string;
  readonly window: readonly [number, number];
  readonly view: (obj: object) => MemoryView;
}

export const MATRIX_INDIRECTIONS: readonly MatrixIndirection[] = [
  { name: "memoryview(x)", source: "abcdef", window: [0, 6], view: (obj) => memoryview(obj) },
  { name: "memoryview(x)[1:7]", source: "XabcdefY", window: [1, 7], view: (obj) => memoryview(obj).get(slice(1, 7)) as MemoryView },
  {
    name: "memoryview(x)[:7][1:]",
    source: "XabcdefY",
    window: [1, 7],
    view: (obj) => ((memoryview(obj).get(slice(null, 7)) as MemoryView).get(slice(1, null)) as MemoryView),
  },
];

/** Every source × indirection pair, named for `describe.each`. */
export const MATRIX = MATRIX_SOURCES.flatMap((source) =>
  MATRIX_INDIRECTIONS.map((indirection) => ({ name: `${source.name}, ${indirection.name}`, source, indirection })),
);

/** The view's items in the source object, as a latin-1 string (`_check_contents`). */
export function contents(source: MatrixSource, indirection: MatrixIndirection, obj: object): string {
  return source.items(obj).slice(...indirection.window);
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * `_testbuffer.ndarray` layouts used across the tests, each the exact twin of
 * the Python constructor in its comment (expectations were taken from those).
 */
export const ND = {
  /** ndarray(list(range(12)), shape=[3,4]) */
  c3x4: () => new NDArray(range(12), { shape: [3, 4] }),
  /** ndarray(list(range(12)), shape=[3,4], flags=ND_FORTRAN) */
  f3x4: () => new NDArray(range(12), { shape: [3, 4], flags: NDArrayFlags.FORTRAN }),
  /** ndarray(list(range(12)), shape=[3,4], flags=ND_PIL) */
  pil3x4: () => new NDArray(range(12), { shape: [3, 4], flags: NDArrayFlags.PIL }),
  /** ndarray(list(range(12)), shape=[6], strides=[2]) */
  strided: () => new NDArray(range(12), { shape: [6], strides: [2] }),
  /** ndarray(list(range(12)), shape=[3,4], strides=[-4,-1], offset=11) */
  negative: () => new NDArray(range(12), { shape: [3, 4], strides: [-4, -1], offset: 11 }),
  /** ndarray([5], shape=[3], strides=[0]) */
  zeroStrides: () => new NDArray([5], { shape: [3], strides: [0] }),
  /** ndarray(7, shape=[], format='i') */
  scalar: () => new NDArray(7, { shape: [], format: "i" }),
  /** ndarray([1,2,3], shape=[3], format='i', flags=ND_WRITABLE) */
  int1d: () => new NDArray([1, 2, 3], { shape: [3], format: "i", flags: NDArrayFlags.WRITABLE }),
  /** ndarray(list(range(12)), shape=[1,12,1]) */
  oneTwelveOne: () => new NDArray(range(12), { shape: [1, 12, 1] }),
  /** ndarray([1,2,3], shape=[0,3]) */
  empty0x3: () => new NDArray([1, 2, 3], { shape: [0, 3] }),
  /** ndarray([1,2], shape=[2], format='<i') */
  littleInt: () => new NDArray([1, 2], { shape: [2], format: "<i" }),
  /** ndarray([1,2], shape=[2], format='@B') */
  atB: () => new NDArray([1, 2], { shape: [2], format: "@B" }),
  /** ndarray(list(range(12)), shape=[2,3,2], format='h', flags=ND_FORTRAN) */
  f2x3x2h: () => new NDArray(range(12), { shape: [2, 3, 2], format: "h", flags: NDArrayFlags.FORTRAN }),
} as const;

/**
 * A ctypes `BigEndianStructure` with two `c_long` fields, as memoryview sees
 * it: one 0-d item of 16 bytes whose format, `'T{>q:x:>q:y:}'`, struct cannot parse.
 */
export class CtypesPoint {
  readonly memory = new ArrayBuffer(16);
  [getBufferSymbol](flags: number): BufferRecord {
    return {
      obj: this, memory: this.memory, buf: 0, len: 16, itemsize: 16, readonly: false,
      format: flags & BufferFlags.FORMAT ? "T{>q:x:>q:y:}" : null,
      ndim: 0, shape: null, strides: null, suboffsets: null, internal: null,
    };
  }
}
