/**
 * `struct.Struct`: a compiled format with `pack`, `unpack` and their
 * relatives. The module-level functions (`functions.ts`) go through a cache
 * of these. The iterator `iterUnpack` returns is in `unpack-iterator.ts`,
 * what the run loops lean on in `run-loops.ts`.
 *
 * @module
 */

import { IndexError, MemoryError, OverflowError, PyTypeError, StructError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { pythonStringRepr } from "../internal/python-repr.ts";
import { readableBytes, writableBytes } from "../arguments/bytes-argument.ts";
import { dataViewOf } from "../internal/data-view-cache.ts";
import { typedArrayName } from "../internal/typed-array-tag.ts";
import { viewBuffer, viewByteLength, viewByteOffset } from "../internal/view-window.ts";
import { HOST_LITTLE_ENDIAN } from "../internal/typed-array-for-code.ts";
import { abiProfile, DEFAULT_ABI, type AbiName } from "../format/abi.ts";
import { compileFormat, type FieldRun, type StructLayout } from "../format/compile-format.ts";
import { itemCodec, type ItemCodec } from "../format/item-codec.ts";
import { recordCode, type RecordCode } from "../format/record-code.ts";
import { recordStart, type OffsetOperation } from "./record-start.ts";
import { sharedRecordCode, shareRecordCode } from "./shared-record-code.ts";
import type { StructValue } from "../format/values.ts";
import { BULK_MIN_REPEAT, bulkArrayFor, byteArrayLength, isPlainByteArray, isPlainView, SCRATCH_LIMIT, type CompiledRun } from "./run-loops.ts";
import { liveMemory, unpackIterator, type StructUnpackIterator } from "./unpack-iterator.ts";

/**
 * Options of {@link Struct} and the module functions.
 *
 * @example
 * ```ts
 * import { Struct, type StructOptions } from "@pybuffer/core";
 * const options: StructOptions = { abi: "wasm32" };
 * new Struct("P", options).size; // 4
 * ```
 *
 * @since 0.1.0
 */
export interface StructOptions {
  /**
   * Native sizes for `@` mode; default `lp64`.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
}

/**
 * Packs and unpacks by the run loops before generating code: generating
 * costs tens of microseconds, worth it only for a struct used again and
 * again (most are, through the format cache), not for every format seen once.
 */
const USES_BEFORE_GENERATING = 16;

/** Set by {@link Struct}'s static block: reads a struct's values with no argument handling. */
let readStructAt: (struct: Struct, view: DataView, address: number) => StructValue[];

/**
 * Unpacks `struct` at byte `address` of a whole-memory DataView, with no
 * argument handling: for memoryview's equality, which has checked the bounds
 * already. Not exported from the package.
 */
export function unpackStructAt(struct: Struct, view: DataView, address: number): StructValue[] {
  return readStructAt(struct, view, address);
}

/**
 * A compiled `struct` format (Python's `struct.Struct`).
 *
 * @example
 * ```ts
 * import { Struct } from "@pybuffer/core";
 * const record = new Struct("<hhl");
 * record.size; // 8
 * const bytes = record.pack(1, 2, 3);
 * record.unpack(bytes); // [1, 2, 3]
 * ```
 *
 * @since 0.1.0
 */
export class Struct {
  /**
   * The format string, as given.
   *
   * @since 0.1.0
   */
  readonly format: string;
  /**
   * `calcsize(format)`: the packed size in bytes.
   *
   * @since 0.1.0
   */
  readonly size: number;
  /**
   * The ABI profile that native sizes come from.
   *
   * @since 0.1.0
   */
  readonly abi: AbiName;
  readonly #layout: StructLayout;
  /** The runs with their codecs, made at the first pack or unpack: `calcsize` and `size` need none. */
  #compiledRuns: readonly CompiledRun[] | null = null;
  /**
   * Generated code (record-code.ts): another Struct's of the same format and
   * ABI (shared-record-code.ts), or its own once used often enough to be worth it.
   */
  #code: RecordCode | null = null;
  #usesBeforeGenerating = USES_BEFORE_GENERATING;
  #scratch: Uint8Array | undefined;
  #scratchView: DataView | undefined;
  #scratchBusy = false;
  /** PyBytes_FromStringAndSize refuses sizes whose object (header included) would pass Py_ssize_t. */
  readonly #tooLargeForBytes: boolean;

  /**
   * Compiles `format`.
   *
   * @throws StructError for a bad format, UnicodeEncodeError for non-ASCII text,
   * PyTypeError when `format` is not a string.
   *
   * @since 0.1.0
   */
  constructor(format: string, options: StructOptions = {}) {
    if (typeof format !== "string") {
      throw new PyTypeError(`Struct() argument 1 must be a str or bytes object, not ${pythonTypeName(format)}`);
    }
    const abi = abiProfile(options.abi ?? DEFAULT_ABI);
    this.#layout = compileFormat(format, abi);
    // Below 2**30 bytes no ABI's PY_SSIZE_T_MAX is near: skip the exact check.
    this.#tooLargeForBytes = this.#layout.size >= 2 ** 30 && this.#layout.exactSize > (1n << BigInt(8 * abi.sizeT - 1)) - 1n - BigInt(4 * abi.sizeT + 1);
    this.format = format;
    this.size = this.#layout.size;
    this.abi = abi.name;
  }

  get #runs(): readonly CompiledRun[] {
    return (this.#compiledRuns ??= this.#compileRuns());
  }

  #compileRuns(): readonly CompiledRun[] {
    const { littleEndian, native } = this.#layout;
    // Long formats repeat one code ("s" * 100000): the previous run's codec is reused without a lookup.
    let previous: { readonly run: FieldRun; readonly codec: ItemCodec } | undefined;
    const codecOf = (run: FieldRun): ItemCodec => {
      if (previous === undefined || previous.run.code !== run.code || previous.run.itemSize !== run.itemSize) {
        previous = { run, codec: itemCodec(run.code, run.itemSize, littleEndian, native) };
      }
      return previous.codec;
    };
    return this.#layout.runs.map((run) => {
      const bulk = run.repeat >= BULK_MIN_REPEAT && littleEndian === HOST_LITTLE_ENDIAN ? bulkArrayFor(run.code, run.itemSize) : null;
      return {
        codec: codecOf(run),
        offset: run.offset,
        repeat: run.repeat,
        itemSize: run.itemSize,
        bulk,
        bigIntElements: bulk === BigInt64Array || bulk === BigUint64Array,
      };
    });
  }

  /**
   * Packs `values` into a new `Uint8Array` of {@link size} bytes (Python's `bytes`).
   *
   * @throws StructError for the wrong number of values or a value that does not fit its code.
   * @example
   * ```ts
   * import { Struct } from "@pybuffer/core";
   * new Struct(">H").pack(258); // Uint8Array [1, 2]
   * ```
   *
   * @since 0.1.0
   */
  pack(...values: unknown[]): Uint8Array {
    // The common case, small enough for V8 to inline into a caller's loop: a
    // warm struct whose scratch buffer exists (so it is small) and is free,
    // and the right number of values. It does what #packFresh would.
    const code = this.#code;
    const view = this.#scratchView;
    if (code !== null && view !== undefined && !this.#scratchBusy && values.length === this.#layout.valueCount) {
      this.#scratchBusy = true;
      try {
        code.write(view, values);
        return new Uint8Array(this.#scratch!);
      } finally {
        this.#scratchBusy = false;
      }
    }
    this.#checkCount(values.length, "pack");
    return this.#packFresh(values);
  }

  /**
   * Packs `values` into `buffer` (any writable exporter) at byte `offset`;
   * a negative offset counts from the end. Every value is checked before any
   * byte is written.
   *
   * @throws PyTypeError when `buffer` is not a writable bytes-like object.
   * @throws StructError for a count mismatch, a bad value, or too little room.
   * @example
   * ```ts
   * import { Struct } from "@pybuffer/core";
   * const target = new Uint8Array(6);
   * new Struct("<h").packInto(target, 2, -2); // target: [0, 0, 254, 255, 0, 0]
   * ```
   *
   * @since 0.1.0
   */
  packInto(buffer: unknown, offset: number | bigint, ...values: unknown[]): void {
    if (arguments.length === 0) throw new StructError("pack_into expected buffer argument");
    if (arguments.length === 1) throw new StructError("pack_into expected offset argument");
    this.#checkCount(values.length, "pack_into");
    const window = writableBytes(buffer);
    try {
      const start = recordStart(this.#ssize(offset, "pack_into"), this.size, this.#layout.exactSize, window.length, "pack_into");
      // Packing into a fresh buffer first checks every value before a byte of
      // the target changes; it also gives NUL pad bytes, as CPython's memset does.
      const packed = this.#packFresh(values);
      liveMemory(window, start, this.size);
      new Uint8Array(window.memory, window.offset + start, this.size).set(packed);
    } finally {
      window.release();
    }
  }

  /**
   * Unpacks exactly {@link size} bytes from `buffer` (any exporter).
   *
   * @throws StructError "unpack requires a buffer of N bytes" when the size differs.
   * @example
   * ```ts
   * import { Struct } from "@pybuffer/core";
   * new Struct("<I?").unpack(new Uint8Array([1, 0, 0, 0, 1])); // [1, true]
   * ```
   *
   * @since 0.1.0
   */
  unpack(buffer: unknown): StructValue[] {
    const readBytes = this.#code?.readBytes;
    // A byte array with no bytes (empty, or its memory gone) takes the full path, which says which.
    const length = readBytes != null && isPlainByteArray(buffer) ? byteArrayLength(buffer) : 0;
    if (length !== 0) {
      if (length !== this.size) throw new StructError(`unpack requires a buffer of ${this.#sizeText} bytes`);
      return readBytes!(buffer as Uint8Array, 0);
    }
    if (isPlainView(buffer)) {
      // The window through the built-in getters (view-window.ts): the view's own properties cannot move it.
      const typed = typedArrayName(buffer) !== undefined;
      if (viewByteLength(buffer, typed) !== this.size) throw new StructError(`unpack requires a buffer of ${this.#sizeText} bytes`);
      return this.#readAll(dataViewOf(viewBuffer(buffer, typed)), viewByteOffset(buffer, typed));
    }
    const window = readableBytes(buffer);
    try {
      if (window.length !== this.size) throw new StructError(`unpack requires a buffer of ${this.#sizeText} bytes`);
      return this.#readAll(liveMemory(window, 0, this.size), window.offset);
    } finally {
      window.release();
    }
  }

  /**
   * Unpacks {@link size} bytes of `buffer` starting at byte `offset` (negative
   * counts from the end); the buffer may be longer.
   *
   * @throws StructError when the buffer is too short or the offset out of range.
   * @example
   * ```ts
   * import { Struct } from "@pybuffer/core";
   * new Struct("B").unpackFrom(new Uint8Array([7, 8, 9]), -1); // [9]
   * ```
   *
   * @since 0.1.0
   */
  unpackFrom(buffer: unknown, offset: number | bigint = 0): StructValue[] {
    // The common case, small enough for V8 to inline into a caller's loop
    // (which then also inlines the generated reader): a warm struct, a plain
    // Uint8Array, a non-negative int32 offset, and the record's last byte
    // there (so all of it is). It answers what #unpackFromChecked would.
    const readBytes = this.#code?.readBytes;
    if (readBytes != null && typeof offset === "number" && (offset | 0) === offset && offset >= 0 && isPlainByteArray(buffer) && buffer[offset + this.size - 1] !== undefined) {
      return readBytes(buffer, offset);
    }
    return this.#unpackFromChecked(buffer, offset);
  }

  /** {@link unpackFrom} with every check, in CPython's order. */
  #unpackFromChecked(buffer: unknown, offset: number | bigint): StructValue[] {
    // Once the struct has generated code, a plain Uint8Array is read through
    // its elements, without a DataView (byte-readers.ts says why).
    const readBytes = this.#code?.readBytes;
    const length = readBytes != null && isPlainByteArray(buffer) ? byteArrayLength(buffer) : 0;
    if (length !== 0) {
      const start = recordStart(this.#ssize(offset, "unpack_from"), this.size, this.#layout.exactSize, length, "unpack_from");
      return readBytes!(buffer as Uint8Array, start);
    }
    if (isPlainView(buffer)) {
      // As in unpack: a plain view with bytes in it is read in place, and its
      // length is live (a detached or cut-off view reads 0 and takes the full path).
      const typed = typedArrayName(buffer) !== undefined;
      const start = recordStart(this.#ssize(offset, "unpack_from"), this.size, this.#layout.exactSize, viewByteLength(buffer, typed), "unpack_from");
      return this.#readAll(dataViewOf(viewBuffer(buffer, typed)), viewByteOffset(buffer, typed) + start);
    }
    const window = readableBytes(buffer);
    try {
      const start = recordStart(this.#ssize(offset, "unpack_from"), this.size, this.#layout.exactSize, window.length, "unpack_from");
      return this.#readAll(liveMemory(window, start, this.size), window.offset + start);
    } finally {
      window.release();
    }
  }

  /**
   * Iterates over `buffer` in steps of {@link size} bytes, unpacking each.
   * The buffer is held until the iterator finishes (or `return()` is called).
   *
   * @throws StructError for a zero-size struct or a length that is not a multiple of the size.
   * @example
   * ```ts
   * import { Struct } from "@pybuffer/core";
   * [...new Struct("<h").iterUnpack(new Uint8Array([1, 0, 2, 0]))]; // [[1], [2]]
   * ```
   *
   * @since 0.1.0
   */
  iterUnpack(buffer: unknown): StructUnpackIterator {
    // `Struct_iter_unpack` (Modules/_struct.c) refuses a zero size before it asks for the buffer.
    if (this.size === 0) throw new StructError("cannot iteratively unpack with a struct of length 0");
    const window = readableBytes(buffer);
    if (window.length % this.size !== 0) {
      window.release();
      throw new StructError(`iterative unpacking requires a buffer of a multiple of ${this.#sizeText} bytes`);
    }
    // A warm struct hands its generated reader over, one call less per record.
    return unpackIterator(window, this.size, this.#code?.read ?? ((view, base) => this.#readAll(view, base)));
  }

  /**
   * Python's `repr`: `Struct('<i')`.
   *
   * @since 0.1.0
   */
  toString(): string {
    return `Struct(${pythonStringRepr(this.format)})`;
  }

  /**
   * How many values `pack` takes and `unpack` gives: `len(s.unpack(...))`
   * without unpacking (an extension; CPython's Struct has no such attribute).
   *
   * @example
   * ```ts
   * import { Struct } from "@pybuffer/core";
   * new Struct("<2hxq").valueCount; // 3
   * new Struct("4s").valueCount; // 1
   * ```
   *
   * @since 0.1.0
   */
  get valueCount(): number {
    return this.#layout.valueCount;
  }

  static {
    readStructAt = (struct, view, address) => struct.#readAll(view, address);
  }

  #checkCount(got: number, operation: "pack" | "pack_into"): void {
    const expected = this.#layout.valueCount;
    if (got !== expected) {
      throw new StructError(`${operation} expected ${expected} items for packing (got ${got})`);
    }
  }

  /** The exact size for messages: sizes past 2**53 are kept as bigints in the layout. */
  get #sizeText(): string {
    return String(this.#layout.exactSize);
  }

  /**
   * Packs into a new zeroed buffer; an error leaves nothing behind but garbage.
   * Like CPython, the result is allocated before any value is looked at.
   */
  #packFresh(values: readonly unknown[]): Uint8Array {
    if (this.#tooLargeForBytes) throw new OverflowError("byte string is too large");
    // Small structs are packed into a scratch buffer kept by the Struct and
    // copied out: a small Uint8Array's own buffer is costly to materialise.
    // A value whose conversion re-enters this Struct gets a fresh buffer instead.
    // The scratch needs no zeroing between packs: every codec writes every
    // byte of its item (`s` and `p` NUL-pad their fields), so a pack rewrites
    // all the bytes an earlier one (even a failed one) wrote, and the pad and
    // alignment bytes, which nothing writes, stay the zeros they were made.
    if (this.size <= SCRATCH_LIMIT && !this.#scratchBusy) {
      this.#scratch ??= new Uint8Array(this.size);
      this.#scratchView ??= new DataView(this.#scratch.buffer);
      this.#scratchBusy = true;
      try {
        this.#writeValues(this.#scratchView, values);
        // The copy constructor, not slice(): slice looks up the species constructor first.
        return new Uint8Array(this.#scratch);
      } finally {
        this.#scratchBusy = false;
      }
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(this.size);
    } catch {
      throw new MemoryError("");
    }
    this.#writeValues(new DataView(bytes.buffer), values);
    return bytes;
  }

  /** Converts and writes every value into a zeroed view that starts at an aligned address. */
  #writeValues(view: DataView, values: readonly unknown[]): void {
    if (this.#code !== null || this.#generated()) return this.#code!.write(view, values);
    let index = 0;
    for (const run of this.#runs) {
      const { codec, itemSize, repeat } = run;
      // The view starts a buffer, so native alignment makes run.offset aligned.
      if (run.bulk !== null && run.offset % itemSize === 0) {
        const items = new run.bulk(view.buffer, run.offset, repeat);
        // 8-byte integer codecs give safe integers as numbers; a BigInt64Array takes bigints only.
        if (run.bigIntElements) for (let i = 0; i < repeat; i++) items[i] = BigInt(codec.coerce(values[index++]) as number | bigint);
        else for (let i = 0; i < repeat; i++) items[i] = codec.coerce(values[index++]) as never;
        continue;
      }
      for (let i = 0, offset = run.offset; i < repeat; i++, offset += itemSize) {
        codec.write(view, offset, codec.coerce(values[index++]));
      }
    }
  }

  /** Counts a use; generates the struct's code on the use that makes it worth it. Whether there is code now. */
  #generated(): boolean {
    const uses = --this.#usesBeforeGenerating;
    // A format some Struct has generated code for takes it from the first use on.
    if (uses === USES_BEFORE_GENERATING - 1 || uses === 0) this.#code = sharedRecordCode(this.abi, this.format) ?? null;
    if (this.#code !== null || uses !== 0) return this.#code !== null;
    // Bulk runs (long repeats) are faster through their TypedArray loops.
    if (!this.#runs.some((run) => run.bulk !== null)) this.#code = recordCode(this.#runs);
    if (this.#code !== null) shareRecordCode(this.abi, this.format, this.#code);
    return this.#code !== null;
  }

  /** Reads every value of the struct at byte `base` of a whole-memory view. */
  #readAll(view: DataView, base: number): StructValue[] {
    if (this.#code !== null || this.#generated()) return this.#code!.read(view, base);
    const values = new Array<StructValue>(this.#layout.valueCount);
    let index = 0;
    for (const run of this.#runs) {
      const { codec, itemSize, repeat } = run;
      const address = base + run.offset;
      if (run.bulk !== null && address % itemSize === 0) {
        const items = new run.bulk(view.buffer, address, repeat);
        for (let i = 0; i < repeat; i++) values[index++] = items[i]!;
        continue;
      }
      for (let i = 0, offset = address; i < repeat; i++, offset += itemSize) {
        values[index++] = codec.read(view, offset);
      }
    }
    return values;
  }

  /**
   * An offset argument as a `Py_ssize_t`: `pack_into` converts it with
   * IndexError on overflow, `unpack_from` with OverflowError (their CPython
   * converters differ).
   */
  #ssize(offset: unknown, operation: OffsetOperation): number | bigint {
    if (typeof offset === "boolean") return offset ? 1 : 0;
    // The common case needs no bigint: a safe integer fits every ABI's Py_ssize_t but wasm32's.
    if (typeof offset === "number" && Number.isSafeInteger(offset) && Math.abs(offset) < 2 ** 31) return offset;
    if ((typeof offset !== "number" || !Number.isInteger(offset)) && typeof offset !== "bigint") {
      throw new PyTypeError(`'${pythonTypeName(offset)}' object cannot be interpreted as an integer`);
    }
    const limit = 2 ** (abiProfile(this.abi).sizeT * 8 - 1);
    const value = BigInt(offset);
    if (value >= BigInt(limit) || value < -BigInt(limit)) {
      throw operation === "pack_into"
        ? new IndexError("cannot fit 'int' into an index-sized integer")
        : new OverflowError("Python int too large to convert to C ssize_t");
    }
    // Past 2**53 only a bigint keeps the value exact for the messages.
    return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  }
}
