/**
 * An array loaded from an `.npy` file: an exporter over the file's data
 * (zero-copy when aligned), with NumPy's `dtype`, `shape` and
 * `fortran_order`, and `toList()` giving what NumPy's `tolist()` gives.
 *
 * @module
 */

import { BufferError, getBufferSymbol, PyTypeError, ValueError, MemoryError, isContiguous, recordReader, serveRequest, type BufferRecord, type ExtendedType, type RequestMessages } from "@pybuffer/core";
import {
  isUint8Array, isViewWindowGone, optionChecks, pythonTypeName, readOptions, viewBuffer, viewByteLength, viewByteOffset, type OptionCheck, type OptionChecks,
} from "@pybuffer/core/internal";
import { formatOfDType } from "../dtype/dtype-to-format.ts";
import type { Descr, DType } from "../dtype/dtype.ts";
import { toExtendedType } from "../dtype/format-to-dtype.ts";
import type { NpyVersion } from "../header/npy-header.ts";

const MAX_LIST_ITEMS = 2 ** 32 - 1;

/** NumPy's own messages (numpy/_core/src/multiarray/buffer.c, `array_getbuffer`). */
export const NUMPY_REQUEST_MESSAGES: RequestMessages = {
  notWritable: "buffer source array is read-only",
  notCContiguous: "ndarray is not C-contiguous",
  notFortranContiguous: "ndarray is not Fortran contiguous",
  notContiguous: "ndarray is not contiguous",
  needsSuboffsets: "ndarray requires suboffsets",
  formatWithoutShape: "ndarray: FORMAT requires ND",
};

/** What {@link NpyArray} is made of. */
export interface NpyArrayParts {
  readonly version: NpyVersion;
  readonly descr: Descr;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly fortranOrder: boolean;
  /** The data bytes, exactly `product(shape) * itemsize` of them. */
  readonly data: Uint8Array;
  readonly readonly: boolean;
}

/** Set by {@link NpyArray}'s static block. */
let readResolvedDType: (array: NpyArray) => DType;

/** The resolved dtype of `array`, for writing it back (`saveNpy`). Not exported from the package. */
export function resolvedDTypeOf(array: NpyArray): DType {
  return readResolvedDType(array);
}

/** Each part read once by core's one options check; the dtype and the data are checked for kind. */
const PARTS: OptionChecks<NpyArrayParts> = {
  version: optionChecks.any as OptionCheck<never>,
  descr: optionChecks.any as OptionCheck<never>,
  dtype: ((value, option, caller) => {
    const itemsize = typeof value === "object" && value !== null ? (value as { itemsize?: unknown }).itemsize : undefined;
    if (!Number.isSafeInteger(itemsize) || (itemsize as number) < 0) {
      throw new PyTypeError(`${caller}() argument '${option}' must be a resolved dtype, not '${pythonTypeName(value)}'`);
    }
    return value as DType;
  }) as OptionCheck<DType>,
  shape: optionChecks.integerArray,
  fortranOrder: optionChecks.boolean,
  data: ((value, option, caller) => {
    // By the internal brand, which runs none of the value's code (a Proxy or a swapped prototype is no Uint8Array).
    if (!isUint8Array(value)) throw new PyTypeError(`${caller}() argument '${option}' must be Uint8Array, not '${pythonTypeName(value)}'`);
    if (isViewWindowGone(value, true)) throw new BufferError(`${caller}() argument '${option}': its memory is gone (detached or resized)`);
    return value;
  }) as OptionCheck<Uint8Array>,
  readonly: optionChecks.boolean,
};

/**
 * The parts of a new {@link NpyArray}, read once and checked: every part
 * present, of its kind, and the data exactly `product(shape) * itemsize` bytes.
 *
 * @throws PyTypeError for parts that are not a plain object of known parts, or a part of the wrong kind;
 * ValueError for a missing part or data of the wrong length.
 */
function checkedParts(parts: unknown): NpyArrayParts {
  const read = readOptions(parts, "NpyArray", PARTS);
  for (const name of Object.keys(PARTS) as (keyof NpyArrayParts)[]) {
    if (read[name] === undefined) throw new ValueError(`NpyArray() missing part '${name}'`);
  }
  const full = read as NpyArrayParts;
  if (full.shape.some((extent) => extent < 0)) throw new ValueError("NpyArray(): negative dimensions are not allowed");
  const expected = full.shape.reduce((product, extent) => product * extent, full.dtype.itemsize);
  const byteLength = viewByteLength(full.data, true);
  if (byteLength !== expected) {
    throw new ValueError(`NpyArray(): ${byteLength} data bytes for shape (${full.shape.join(", ")}) of itemsize ${full.dtype.itemsize}, not ${expected}`);
  }
  return full;
}

/** True only while {@link npyArrayOfTrustedParts} constructs. */
let partsAreTrusted = false;

/**
 * A new {@link NpyArray} from parts this package built and checked itself
 * (`loadNpy`'s header parser): the check of a caller's parts is skipped, as
 * it would be a second one. Not exported from the package.
 */
export function npyArrayOfTrustedParts(parts: NpyArrayParts): NpyArray {
  partsAreTrusted = true;
  try {
    return new NpyArray(parts);
  } finally {
    partsAreTrusted = false;
  }
}

/**
 * A NumPy array read from `.npy` bytes. It is an exporter: `memoryview(a)`,
 * `getBuffer(a, flags)` and every consumer see its items, in its order,
 * with NumPy's PEP 3118 format (datetimes as 8-byte integers).
 *
 * @example
 * ```ts
 * import { loadNpy, saveNpy } from "@pybuffer/numpy";
 * import { memoryview } from "@pybuffer/core";
 * const a = loadNpy(saveNpy(new Float64Array([1, 2, 3])));
 * [a.dtype, a.shape, a.fortranOrder]; // ["<f8", [3], false]
 * memoryview(a).toList(); // [1, 2, 3]
 * ```
 *
 * @since 0.1.0
 */
export class NpyArray {
  /**
   * The `.npy` format version the file was written in.
   *
   * @since 0.1.0
   */
  readonly version: NpyVersion;
  /**
   * NumPy's dtype description (`descr` in the header).
   *
   * @since 0.1.0
   */
  readonly dtype: Descr;
  /** @since 0.1.0 */
  readonly shape: readonly number[];
  /** @since 0.1.0 */
  readonly fortranOrder: boolean;
  /**
   * The raw item bytes in file order (C or Fortran).
   *
   * @since 0.1.0
   */
  readonly data: Uint8Array;
  /** @since 0.1.0 */
  readonly itemsize: number;
  readonly #resolved: DType;
  readonly #readonly: boolean;
  readonly #strides: readonly number[];
  /** The data's window, taken once by the built-in getters: `data` is public, and its own properties can be redefined. */
  readonly #memory: ArrayBufferLike;
  readonly #offset: number;
  readonly #nbytes: number;
  #type: ExtendedType | undefined;
  #format: string | undefined;

  /** @since 0.1.0 */
  constructor(parts: NpyArrayParts) {
    if (!partsAreTrusted) parts = checkedParts(parts);
    this.version = parts.version;
    this.dtype = parts.descr;
    this.#resolved = parts.dtype;
    this.shape = Object.freeze(parts.shape.slice());
    this.fortranOrder = parts.fortranOrder;
    this.data = parts.data;
    this.itemsize = parts.dtype.itemsize;
    this.#readonly = parts.readonly;
    this.#strides = contiguousStrides(this.shape, this.itemsize, this.fortranOrder);
    this.#memory = viewBuffer(parts.data, true);
    this.#offset = viewByteOffset(parts.data, true);
    this.#nbytes = viewByteLength(parts.data, true);
  }

  /** Checks the data's memory is still there (a detached or shrunk buffer reads as nothing). */
  #assertLive(): void {
    if (viewByteLength(this.data, true) !== this.#nbytes) {
      throw new BufferError("NpyArray: the underlying memory is gone (detached or resized)");
    }
  }

  /**
   * PEP 3118 format of the items: NumPy's for a plain dtype; for a
   * structured one, standard sizes with every padding byte written out, so
   * that parsing it gives back exactly the dtype's offsets (NumPy's own
   * export can lose trailing padding and move fields of packed structs).
   *
   * @since 0.1.0
   */
  get format(): string {
    // NumPy's own format for a plain dtype; for a struct, one that parses back exactly.
    return (this.#format ??= formatOfDType(this.#resolved, {
      datetimeAsInt64: true, shape: this.shape, exact: this.#resolved.kind !== "scalar",
    }));
  }

  /**
   * `arr.ndim`.
   *
   * @since 0.1.0
   */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * `arr.size`: the number of items.
   *
   * @since 0.1.0
   */
  get size(): number {
    return this.shape.reduce((p, n) => p * n, 1);
  }

  /**
   * `arr.nbytes`.
   *
   * @since 0.1.0
   */
  get nbytes(): number {
    return this.#nbytes;
  }

  static {
    readResolvedDType = (array) => array.#resolved;
  }

  /**
   * The buffer protocol: the items with NumPy's format, shape and strides.
   *
   * @since 0.1.0
   */
  [getBufferSymbol](flags: number): BufferRecord {
    this.#assertLive();
    const base: BufferRecord = {
      obj: this,
      memory: this.#memory,
      buf: this.#offset,
      len: this.#nbytes,
      itemsize: this.itemsize,
      readonly: this.#readonly,
      format: this.format,
      ndim: this.shape.length,
      shape: this.shape.length === 0 ? null : this.shape,
      strides: this.shape.length === 0 ? null : this.#strides,
      suboffsets: null,
      internal: null,
    };
    const contiguity = { cContiguous: isContiguous(base, "C"), fortranContiguous: isContiguous(base, "F") };
    return serveRequest(base, flags, this, contiguity, NUMPY_REQUEST_MESSAGES);
  }

  /**
   * `arr.tolist()`: nested arrays in index order, each item as NumPy gives
   * it (records as objects keyed by field name, `S` as bytes without
   * trailing NULs, `U` as strings, 8-byte integers as bigints, datetimes as
   * their 8-byte integer counts).
   *
   * @throws NotImplementedError for a dtype holding `O` items.
   * @throws BufferError once the memory is gone (the file's ArrayBuffer detached).
   * @throws MemoryError for more items than a JavaScript array holds (a zero-size dtype can claim any count).
   *
   * @since 0.1.0
   */
  toList(): unknown {
    const read = recordReader((this.#type ??= toExtendedType(this.#resolved)));
    this.#assertLive();
    const view = new DataView(this.#memory, this.#offset, this.#nbytes);
    const { shape } = this;
    const strides = this.#strides;
    if (shape.length === 0) return read(view, 0);
    // A zero-size dtype lets a small file claim any number of items; no JavaScript array holds more than 2**32 - 1.
    if (this.size > MAX_LIST_ITEMS) throw new MemoryError(`toList: ${this.size} items are more than a JavaScript array can hold`);
    const build = (dim: number, offset: number): unknown[] => {
      const extent = shape[dim]!;
      const stride = strides[dim]!;
      const items = new Array<unknown>(extent);
      if (dim === shape.length - 1) for (let i = 0; i < extent; i++) items[i] = read(view, offset + i * stride);
      else for (let i = 0; i < extent; i++) items[i] = build(dim + 1, offset + i * stride);
      return items;
    };
    return build(0, 0);
  }
}

/**
 * The file's C or Fortran strides. An empty dimension counts as 1: an empty
 * array reaches no item, so any strides are contiguous, and these keep
 * every stride distinct from zero (NumPy's export multiplies by the 0).
 */
function contiguousStrides(shape: readonly number[], itemsize: number, fortran: boolean): number[] {
  const ndim = shape.length;
  const strides = new Array<number>(ndim);
  let step = itemsize;
  for (let k = 0; k < ndim; k++) {
    const dim = fortran ? k : ndim - 1 - k;
    strides[dim] = step;
    step *= Math.max(1, shape[dim]!);
  }
  return strides;
}
