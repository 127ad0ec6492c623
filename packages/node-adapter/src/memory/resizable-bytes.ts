/**
 * `ResizableBytes`: the `bytearray` of this world. A resizable `ArrayBuffer`
 * cannot refuse `resize()`, so views over one go silently empty when it
 * shrinks; this container owns its buffer and refuses every change of size
 * while a buffer it exported is held, with CPython's
 * `BufferError: Existing exports of data: object cannot be re-sized`.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks, pythonTypeName } from "@pybuffer/core/internal";
import {
  BufferError,
  checkBuffer,
  fillInfo,
  getBufferSymbol,
  IndexError,
  isDetached,
  MemoryError,
  PyTypeError,
  releaseBufferSymbol,
  ValueError,
  type BufferExporter,
  type BufferRecord,
} from "@pybuffer/core";
import { ExportTracker } from "./export-tracker.ts";
import { byteValue, bytesOfExporter, bytesOfIterable, indexValue, isIterable } from "./bytearray-values.ts";
import { markExportLocked } from "./memory-kinds.ts";

const RESIZE_LOCKED = "Existing exports of data: object cannot be re-sized";
const MEMORY_GONE = "the bytearray's memory is gone: a consumer detached (transferred) its ArrayBuffer";
const MIN_CAPACITY = 64;

/**
 * Options of {@link ResizableBytes}.
 *
 * @example
 * ```ts
 * import { ResizableBytes, type ResizableBytesOptions } from "@pybuffer/node-adapter";
 * const options: ResizableBytesOptions = { capacity: 1 << 20 };
 * new ResizableBytes(0, options).capacity; // 1048576
 * ```
 *
 * @since 0.1.0
 */
export interface ResizableBytesOptions {
  /**
   * Bytes to reserve up front (the `maxByteLength` of the resizable
   * ArrayBuffer behind it). Growing past it moves the bytes to a larger
   * buffer, which is allowed only while nothing is exported, like any resize.
   *
   * @since 0.1.0
   */
  readonly capacity?: number;
}

/** Each option read once, by core's one options check; the values are checked where they are used. */
const RESIZABLE_BYTES_OPTIONS: OptionChecks<ResizableBytesOptions> = { capacity: optionChecks.any as OptionCheck<never> };

/**
 * A growable, shrinkable byte array that exports the buffer protocol and
 * keeps CPython's export lock: while any buffer it exported is held
 * (a `MemoryView`, a `getBuffer` record, a Buffer from `toBuffer`), every
 * operation that changes its length throws `BufferError`; once the last is
 * released, or garbage-collected without a release, resizing works again.
 * Operations that keep the length (item assignment, `resize` to the same
 * size, clearing an empty array) are always allowed, as in CPython.
 *
 * @example
 * ```ts
 * import { memoryview } from "@pybuffer/core";
 * import { ResizableBytes } from "@pybuffer/node-adapter";
 * const bytes = new ResizableBytes([1, 2, 3]);
 * const view = memoryview(bytes);
 * try { bytes.append(4); } catch (e) { (e as Error).message; } // "Existing exports of data: object cannot be re-sized"
 * view.release();
 * bytes.append(4);
 * bytes.length; // 4
 * ```
 *
 * @since 0.1.0
 */
export class ResizableBytes implements BufferExporter, Iterable<number> {
  #memory: ArrayBuffer;
  #bytes: Uint8Array;
  readonly #exports = new ExportTracker();

  /**
   * `bytearray()`, `bytearray(n)` (n zero bytes), `bytearray(iterable_of_ints)`
   * or `bytearray(buffer)` (a copy of any exporter's bytes, in C order).
   *
   * @throws PyTypeError "string argument without an encoding" for a string;
   * "cannot convert 'X' object to bytearray" for anything else unusable.
   * @throws ValueError "negative count", "byte must be in range(0, 256)".
   * @throws MemoryError when the memory cannot be allocated.
   *
   * @since 0.1.0
   */
  constructor(source?: number | bigint | Iterable<number> | object, options: ResizableBytesOptions = {}) {
    options = readOptions(options, "ResizableBytes", RESIZABLE_BYTES_OPTIONS);
    let initial: Uint8Array | number;
    if (source === undefined) {
      initial = 0;
    } else if (typeof source === "number" || typeof source === "bigint") {
      if (typeof source === "number" && !Number.isInteger(source)) {
        throw new PyTypeError(`cannot convert '${pythonTypeName(source)}' object to bytearray`);
      }
      initial = indexValue(source);
      if (initial < 0) throw new ValueError("negative count");
    } else if (typeof source === "string") {
      throw new PyTypeError("string argument without an encoding");
    } else if (checkBuffer(source)) {
      initial = bytesOfExporter(source);
    } else if (isIterable(source)) {
      initial = bytesOfIterable(source);
    } else {
      throw new PyTypeError(`cannot convert '${pythonTypeName(source)}' object to bytearray`);
    }
    const length = typeof initial === "number" ? initial : initial.length;
    const requested = options.capacity ?? 0;
    if (!Number.isSafeInteger(requested) || requested < 0) {
      throw new ValueError(`capacity must be a non-negative integer, not ${String(requested)}`);
    }
    this.#memory = allocate(length, Math.max(requested, length, MIN_CAPACITY));
    this.#bytes = new Uint8Array(this.#memory);
    if (typeof initial !== "number") this.#bytes.set(initial);
  }

  /**
   * `len(b)`.
   *
   * @since 0.1.0
   */
  get length(): number {
    return this.#live().byteLength;
  }

  /**
   * Bytes that fit without moving to a larger buffer.
   *
   * @since 0.1.0
   */
  get capacity(): number {
    return this.#live().maxByteLength;
  }

  /**
   * Buffers exported and not yet released (a holder that was garbage-collected counts as released).
   *
   * @since 0.1.0
   */
  get exports(): number {
    return this.#exports.count;
  }

  /**
   * The memory, after checking that no consumer detached it: a consumer
   * holding an exported record can transfer its ArrayBuffer, which nothing
   * in JavaScript can forbid, and the bytes are then gone for good.
   */
  #live(): ArrayBuffer {
    if (isDetached(this.#memory)) throw new BufferError(MEMORY_GONE);
    return this.#memory;
  }

  /** Throws CPython's BufferError while anything is exported. */
  #assertResizable(): void {
    if (this.#exports.count > 0) throw new BufferError(RESIZE_LOCKED);
  }

  /** `PyByteArray_Resize`: the same size is always fine; anything else needs no exports. */
  #resize(size: number): void {
    if (size === this.length) return;
    this.#assertResizable();
    if (size <= this.#memory.maxByteLength) {
      this.#memory.resize(size);
      return;
    }
    // Past the reserved capacity: move to a larger buffer (nothing can see the old one).
    const memory = allocate(size, Math.max(size, this.#memory.maxByteLength * 2));
    const bytes = new Uint8Array(memory);
    bytes.set(this.#bytes);
    this.#memory = memory;
    this.#bytes = bytes;
  }

  /**
   * `b.resize(size)` (Python 3.14): truncates, or zero-fills new bytes.
   *
   * @throws ValueError "Can only resize to positive sizes, got -1".
   * @throws BufferError "Existing exports of data: object cannot be re-sized".
   * @example
   * ```ts
   * import { ResizableBytes } from "@pybuffer/node-adapter";
   * const bytes = new ResizableBytes([1, 2]);
   * bytes.resize(4);
   * bytes.toBytes(); // Uint8Array [1, 2, 0, 0]
   * ```
   *
   * @since 0.1.0
   */
  resize(size: number | bigint): void {
    const resolved = indexValue(size);
    if (resolved < 0) throw new ValueError(`Can only resize to positive sizes, got ${resolved}`);
    this.#resize(resolved);
  }

  /**
   * `b.append(x)`.
   *
   * @throws ValueError "byte must be in range(0, 256)" (checked before the export lock, as in CPython).
   * @throws BufferError "Existing exports of data: object cannot be re-sized".
   * @example
   * ```ts
   * import { ResizableBytes } from "@pybuffer/node-adapter";
   * const bytes = new ResizableBytes();
   * bytes.append(0x41);
   * bytes.toBytes(); // Uint8Array [65]
   * ```
   *
   * @since 0.1.0
   */
  append(value: number | bigint | boolean): void {
    const byte = byteValue(value);
    const at = this.length;
    this.#resize(at + 1);
    this.#bytes[at] = byte;
  }

  /**
   * `b.extend(iterable_of_ints)` or `b.extend(buffer)` (any exporter, in C order).
   *
   * @throws PyTypeError "expected iterable of integers; got: 'str'", "can't extend bytearray with X".
   * @throws BufferError "Existing exports of data: object cannot be re-sized" (unless nothing is added).
   * @example
   * ```ts
   * import { ResizableBytes } from "@pybuffer/node-adapter";
   * const bytes = new ResizableBytes([1]);
   * bytes.extend(new Uint16Array([0x0302]));
   * bytes.extend([4]);
   * bytes.toBytes(); // Uint8Array [1, 2, 3, 4] (on a little-endian machine)
   * ```
   *
   * @since 0.1.0
   */
  extend(values: Iterable<number> | object): void {
    let added: Uint8Array;
    if (typeof values === "string") {
      throw new PyTypeError("expected iterable of integers; got: 'str'");
    } else if (checkBuffer(values)) {
      added = bytesOfExporter(values);
    } else if (isIterable(values)) {
      added = bytesOfIterable(values);
    } else {
      throw new PyTypeError(`can't extend bytearray with ${pythonTypeName(values)}`);
    }
    const at = this.length;
    this.#resize(at + added.length);
    this.#bytes.set(added, at);
  }

  /**
   * `b.pop(index=-1)`: removes and returns a byte.
   *
   * @throws IndexError "pop from empty bytearray", "pop index out of range".
   * @throws BufferError "Existing exports of data: object cannot be re-sized".
   * @example
   * ```ts
   * import { ResizableBytes } from "@pybuffer/node-adapter";
   * const bytes = new ResizableBytes([1, 2, 3]);
   * bytes.pop(0); // 1
   * bytes.pop();  // 3
   * ```
   *
   * @since 0.1.0
   */
  pop(index: number | bigint = -1): number {
    const length = this.length;
    const at = indexValue(index);
    if (length === 0) throw new IndexError("pop from empty bytearray");
    const resolved = at < 0 ? at + length : at;
    if (resolved < 0 || resolved >= length) throw new IndexError("pop index out of range");
    this.#assertResizable();
    const value = this.#bytes[resolved]!;
    this.#bytes.copyWithin(resolved, resolved + 1);
    this.#resize(length - 1);
    return value;
  }

  /**
   * `b.clear()`.
   *
   * @throws BufferError "Existing exports of data: object cannot be re-sized" (unless already empty).
   * @example
   * ```ts
   * import { ResizableBytes } from "@pybuffer/node-adapter";
   * const bytes = new ResizableBytes(8);
   * bytes.clear();
   * bytes.length; // 0
   * ```
   *
   * @since 0.1.0
   */
  clear(): void {
    this.#resize(0);
  }

  /**
   * `b[index]`.
   *
   * @throws IndexError "bytearray index out of range".
   * @example
   * ```ts
   * import { ResizableBytes } from "@pybuffer/node-adapter";
   * new ResizableBytes([7, 8]).get(-1); // 8
   * ```
   *
   * @since 0.1.0
   */
  get(index: number | bigint | boolean): number {
    return this.#bytes[this.#index(index)]!;
  }

  /**
   * `b[index] = value`: never changes the length, so allowed while exported.
   *
   * @throws ValueError "byte must be in range(0, 256)" (checked first, as in CPython).
   * @throws IndexError "bytearray index out of range".
   * @example
   * ```ts
   * import { ResizableBytes } from "@pybuffer/node-adapter";
   * const bytes = new ResizableBytes(2);
   * bytes.set(1, 255);
   * bytes.toBytes(); // Uint8Array [0, 255]
   * ```
   *
   * @since 0.1.0
   */
  set(index: number | bigint | boolean, value: number | bigint | boolean): void {
    const byte = byteValue(value);
    this.#bytes[this.#index(index)] = byte;
  }

  /** A subscript: an integer, counted from the end when negative, inside the bytes. */
  #index(index: unknown): number {
    if (typeof index !== "number" && typeof index !== "bigint" && typeof index !== "boolean") {
      throw new PyTypeError(`bytearray indices must be integers or slices, not ${pythonTypeName(index)}`);
    }
    if (typeof index === "number" && !Number.isInteger(index)) {
      throw new PyTypeError(`bytearray indices must be integers or slices, not ${pythonTypeName(index)}`);
    }
    const at = indexValue(index);
    const resolved = at < 0 ? at + this.length : at;
    if (resolved < 0 || resolved >= this.length) throw new IndexError("bytearray index out of range");
    return resolved;
  }

  /**
   * `bytes(b)`: a copy of the contents.
   *
   * @example
   * ```ts
   * import { ResizableBytes } from "@pybuffer/node-adapter";
   * new ResizableBytes([1, 2]).toBytes(); // Uint8Array [1, 2]
   * ```
   *
   * @since 0.1.0
   */
  toBytes(): Uint8Array {
    this.#live();
    return this.#bytes.slice();
  }

  /**
   * Iterates over the bytes; a resize during the iteration is seen, as in CPython.
   *
   * @since 0.1.0
   */
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.length; i++) yield this.#bytes[i]!;
  }

  /**
   * `bf_getbuffer`: `PyBuffer_FillInfo` over the current bytes, counted as an export.
   *
   * @since 0.1.0
   */
  [getBufferSymbol](flags: number): BufferRecord {
    const record = fillInfo(this, this.#live(), 0, this.length, false, flags);
    return { ...record, internal: this.#exports.track() };
  }

  /**
   * `bf_releasebuffer`.
   *
   * @since 0.1.0
   */
  [releaseBufferSymbol](view: BufferRecord): void {
    this.#exports.release(view);
  }
}

/** A resizable ArrayBuffer of `length` bytes that can grow to `capacity`, marked as export-locked. */
function allocate(length: number, capacity: number): ArrayBuffer {
  let memory: ArrayBuffer;
  try {
    memory = new ArrayBuffer(length, { maxByteLength: capacity });
  } catch (error) {
    if (capacity > length) return allocate(length, length);
    throw new MemoryError(`cannot allocate ${length} bytes: ${(error as Error).message}`);
  }
  markExportLocked(memory);
  return memory;
}
