/**
 * The iterator `Struct.iterUnpack` returns (Python's `unpack_iterator`), and
 * the check every struct operation makes that a held window's memory is
 * still there.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { BufferError, PyTypeError } from "../errors/python-errors.ts";
import type { BytesWindow } from "../arguments/bytes-argument.ts";
import { isDetached } from "../protocol/builtin-exporters.ts";
import { dataViewOf } from "../internal/data-view-cache.ts";
import type { StructValue } from "../format/values.ts";

/** Proves to {@link StructUnpackIterator}'s constructor that {@link Struct.iterUnpack} calls it. */
const MADE_BY_ITER_UNPACK = Symbol("StructUnpackIterator");

/** Set by {@link StructUnpackIterator}'s static block: the one way to call its private constructor. */
let makeUnpackIterator: (window: BytesWindow, size: number, read: (view: DataView, base: number) => StructValue[]) => StructUnpackIterator;

/**
 * Makes the iterator {@link Struct.iterUnpack} returns, holding `window`
 * until it finishes; `read` unpacks one struct at a byte address of a
 * whole-memory view. Not exported from the package.
 */
export function unpackIterator(window: BytesWindow, size: number, read: (view: DataView, base: number) => StructValue[]): StructUnpackIterator {
  return makeUnpackIterator(window, size, read);
}

/**
 * The iterator {@link Struct.iterUnpack} returns (Python's `unpack_iterator`).
 * Only `iterUnpack` makes one: `new StructUnpackIterator()` is a TypeError, as in CPython.
 *
 * @example
 * ```ts
 * import { iterUnpack } from "@pybuffer/core";
 * const it = iterUnpack("B", new Uint8Array([1, 2, 3]));
 * it.lengthHint(); // 3
 * it.next().value; // [1]
 * ```
 *
 * @since 0.1.0
 */
export class StructUnpackIterator implements IterableIterator<StructValue[]> {
  readonly #window: BytesWindow;
  readonly #size: number;
  readonly #read: (view: DataView, base: number) => StructValue[];
  #index = 0;
  #done = false;
  /** The whole-memory DataView, from the first record on (its WeakMap lookup is a fair part of a small record). */
  #view: DataView | undefined;

  /**
   * Not public: CPython's `_struct.unpack_iterator` cannot be instantiated
   * (Py_TPFLAGS_DISALLOW_INSTANTIATION in Modules/_struct.c), so
   * `new StructUnpackIterator()` raises its TypeError; {@link Struct.iterUnpack} makes them.
   */
  private constructor(token: symbol, window: BytesWindow, size: number, read: (view: DataView, base: number) => StructValue[]) {
    if (token !== MADE_BY_ITER_UNPACK) throw new PyTypeError("cannot create '_struct.unpack_iterator' instances");
    this.#window = window;
    this.#size = size;
    this.#read = read;
  }

  /** @since 0.1.0 */
  next(): IteratorResult<StructValue[], undefined> {
    const view = this.#view;
    const window = this.#window;
    const base = window.offset + this.#index;
    // The common case, small enough for V8 to inline into the caller's loop:
    // a record left, in memory that still reaches past it (a detached block
    // has no bytes), which is what liveMemory checks.
    if (view !== undefined && this.#index + this.#size <= window.length && base + this.#size <= blockByteLength(window.memory)) {
      this.#index += this.#size;
      return { done: false, value: this.#read(view, base) };
    }
    return this.#nextChecked();
  }

  /** {@link next} with every check: a finished iterator, the end, memory that is gone. */
  #nextChecked(): IteratorResult<StructValue[], undefined> {
    if (this.#done) return { done: true, value: undefined };
    if (this.#index + this.#size > this.#window.length) return this.return();
    const base = this.#window.offset + this.#index;
    this.#view = liveMemory(this.#window, this.#index, this.#size);
    this.#index += this.#size;
    return { done: false, value: this.#read(this.#view, base) };
  }

  /**
   * Stops early and releases the buffer.
   *
   * @since 0.1.0
   */
  return(): IteratorResult<StructValue[], undefined> {
    if (!this.#done) {
      this.#done = true;
      this.#view = undefined;
      this.#window.release();
    }
    return { done: true, value: undefined };
  }

  /**
   * How many structs remain (Python's `__length_hint__`).
   *
   * @since 0.1.0
   */
  lengthHint(): number {
    return this.#done ? 0 : (this.#window.length - this.#index) / this.#size;
  }

  /** @since 0.1.0 */
  [Symbol.iterator](): this {
    return this;
  }

  static {
    makeUnpackIterator = (window, size, read) => new StructUnpackIterator(MADE_BY_ITER_UNPACK, window, size, read);
  }
}

/**
 * The whole-memory DataView of a held window, after checking that its
 * `length` bytes at `start` are still there: a detached or shrunk block is an
 * error, never silent zeros.
 */
export function liveMemory(window: BytesWindow, start: number, length: number): DataView {
  const end = window.offset + start + length;
  if (isDetached(window.memory)) throw new BufferError("the buffer's memory is gone: its ArrayBuffer is detached");
  if (end > blockByteLength(window.memory)) {
    throw new BufferError(
      `the buffer's memory is gone: ${end} bytes needed but the memory block now has ${blockByteLength(window.memory)}`,
    );
  }
  return dataViewOf(window.memory);
}
