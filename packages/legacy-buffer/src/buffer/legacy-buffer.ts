/**
 * `LegacyBuffer`: Python 2's `buffer` object (Objects/bufferobject.c in
 * CPython 2.7.18), a zero-copy window on another object's bytes that asks
 * the object for them again on every operation. Behaviour reference:
 * CPython 2.7's Objects/bufferobject.c.
 *
 * @module
 */

import {
  BufferFlags,
  checkBuffer,
  fillInfo,
  getBuffer,
  getBufferSymbol,
  PyTypeError,
  pythonLengthSymbol,
  releaseBuffer,
  releaseBufferSymbol,
  SystemError,
  type BufferExporter,
  type BufferRecord,
  type Slice,
} from "@pybuffer/core";
import { parseSsizeArgument, type Ssize } from "../internal/ssize.ts";
import { pythonTypeNameKey } from "../internal/type-name.ts";
import type { OldBufferExporter, Segment, SegmentCount } from "../protocol/segment.ts";
import { declareNoReleaseSlot } from "../protocol/release-slot.ts";
import { getCharBufferSymbol, getReadBufferSymbol, getSegmentCountSymbol, getWriteBufferSymbol } from "../protocol/symbols.ts";
import { copyOut } from "./bytes.ts";
import { compareWith, equalsValue } from "./comparison.ts";
import { concatenate } from "./concat.ts";
import { objectState } from "./construction.ts";
import { hashState } from "./hash.ts";
import { includesValue, iterateWindow } from "./iteration.ts";
import { registerState } from "./registry.ts";
import { repeatWindow } from "./repeat.ts";
import { reprOf } from "./repr.ts";
import { END_OF_BUFFER, resolveWindow, type BufferState } from "./state.ts";
import { assignItem, DELETION, getItem } from "./subscript.ts";

/**
 * An integer argument: an integral `number`, a `bigint` or a `boolean`
 * (Python's `int`, `long` and `bool`).
 *
 * @example
 * ```ts
 * import { buffer, type IntegerArgument } from "@pybuffer/legacy-buffer";
 * const offset: IntegerArgument = 2n;
 * buffer("abc", offset).length; // 4: a string is 6 bytes of UTF-16LE
 * ```
 *
 * @since 0.1.0
 */
export type IntegerArgument = number | bigint | boolean;

/**
 * A key for {@link LegacyBuffer.get}, {@link LegacyBuffer.set} and
 * {@link LegacyBuffer.delete}: an index, or core's `slice(...)`.
 *
 * @example
 * ```ts
 * import { slice } from "@pybuffer/core";
 * import type { LegacyBufferKey } from "@pybuffer/legacy-buffer";
 * const keys: LegacyBufferKey[] = [0, -1, slice(1, 3), slice(null, null, -1)];
 * ```
 *
 * @since 0.1.0
 */
export type LegacyBufferKey = IntegerArgument | Slice;

/** A made state, passed to the constructor by the package's own constructors. */
class Seed {
  readonly state: BufferState;
  constructor(state: BufferState) {
    this.state = state;
  }
}

/** A legacy buffer over a state made elsewhere (the C constructors). */
export function bufferOfState(state: BufferState): LegacyBuffer {
  return new LegacyBuffer(new Seed(state));
}

const SEGMENT_ERROR = "accessing non-existent buffer segment";

/**
 * Python 2's `buffer`: a read-only (from `buffer()`) or read-write (from
 * the C constructors) window of `size` bytes at `offset` in a base object,
 * re-resolved on every operation. Results that Python 2 returns as `str`
 * (items, slices, `str(b)`, `b + x`, `b * n`) are new `Uint8Array`s.
 *
 * A legacy buffer is itself an old-protocol exporter (one segment: its
 * window) and a new-protocol one (so `memoryview(buffer(x))` works).
 *
 * @example
 * ```ts
 * import { buffer } from "@pybuffer/legacy-buffer";
 * import { slice } from "@pybuffer/core";
 * const bytes = new Uint8Array([10, 20, 30, 40, 50]);
 * const b = buffer(bytes, 1, 3);
 * b.length; // 3
 * b.get(0); // Uint8Array [20]
 * b.get(slice(null, null, -1)); // Uint8Array [40, 30, 20]
 * bytes[1] = 99;
 * b.toBytes(); // Uint8Array [99, 30, 40]: the window is read again
 * ```
 *
 * @since 0.1.0
 */
export class LegacyBuffer implements BufferExporter, OldBufferExporter, Iterable<Uint8Array> {
  readonly #state: BufferState;

  /**
   * `buffer(object[, offset[, size]])`: a read-only buffer over `object`,
   * which must have the old protocol's read and segment-count slots (or
   * speak the new protocol, or be a string). A buffer over an object-backed
   * buffer refers to that buffer's base instead (offsets add; the inner
   * declared size caps the new one). `size` -1 (the default) means "to the
   * end". The base's data is not looked at.
   *
   * @throws PyTypeError "buffer() takes at least 1 argument (0 given)", "... at
   * most 3 arguments (4 given)", "integer argument expected, got float", "an
   * integer is required", "buffer object expected".
   * @throws OverflowError "Python int too large to convert to C long".
   * @throws ValueError "offset must be zero or positive", "size must be zero or positive".
   *
   * @since 0.1.0
   */
  constructor(...args: [object: unknown, offset?: IntegerArgument, size?: IntegerArgument]) {
    const [object, offset, size] = args;
    const given = (args as readonly unknown[]).length; // JS callers can pass any number
    if (isSeed(object) && given === 1) {
      this.#state = object.state;
    } else {
      if (given === 0) throw new PyTypeError("buffer() takes at least 1 argument (0 given)");
      if (given > 3) throw new PyTypeError(`buffer() takes at most 3 arguments (${given} given)`);
      const parsedOffset: Ssize = offset === undefined ? 0 : parseSsizeArgument(offset);
      const parsedSize: Ssize = size === undefined ? END_OF_BUFFER : parseSsizeArgument(size);
      this.#state = objectState(object, parsedOffset, parsedSize, true);
    }
    registerState(this, this.#state);
    // Python 2's buffer type has no bf_releasebuffer; the release method below only unpins the base.
    declareNoReleaseSlot(this);
  }

  // ---- stored state -----------------------------------------------------

  /**
   * The base object (the innermost one, after collapsing), or `null` for a memory-backed buffer.
   *
   * @since 0.1.0
   */
  get base(): object | string | null {
    return this.#state.base;
  }

  /**
   * The stored offset (0 for a memory-backed buffer); a `bigint` only past 2**53.
   *
   * @since 0.1.0
   */
  get offset(): number | bigint {
    return this.#state.offset;
  }

  /**
   * The stored size: -1 means "to the end of the base"; a `bigint` only past 2**53.
   *
   * @since 0.1.0
   */
  get size(): number | bigint {
    return this.#state.size;
  }

  /**
   * Whether assignment is refused (every buffer from `buffer()`).
   *
   * @since 0.1.0
   */
  get readonly(): boolean {
    return this.#state.readonly;
  }

  // ---- the sequence -----------------------------------------------------

  /**
   * `len(b)`: the current window's length.
   *
   * @throws PyTypeError "single-segment buffer object expected" (a base that is
   * not single-segment now, or whose segment count fails), "... buffer type not
   * available"; the base's own errors; BufferError when memory is gone.
   *
   * @since 0.1.0
   */
  get length(): number {
    return resolveWindow(this.#state, "any").length;
  }

  /**
   * `b[key]`: one byte (an index, negative from the end) or a slice (core's
   * `slice()`, extended slices too), as a new `Uint8Array`. A slice without a
   * step is Python 2's `b[i:j]`.
   *
   * @throws IndexError "buffer index out of range", "cannot fit 'long' into an index-sized integer".
   * @throws PyTypeError "sequence index must be integer"; "slice indices must be integers or None or have an __index__ method".
   * @throws ValueError "slice step cannot be zero".
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * import { slice } from "@pybuffer/core";
   * const b = buffer(new Uint8Array([1, 2, 3, 4]));
   * b.get(-1); // Uint8Array [4]
   * b.get(slice(1, null, 2)); // Uint8Array [2, 4]
   * ```
   *
   * @since 0.1.0
   */
  get(key: LegacyBufferKey): Uint8Array {
    return getItem(this.#state, key);
  }

  /**
   * `b[key] = value` on a read-write buffer: `value` is any single-segment
   * readable object (bytes, a string's UTF-16LE code units, another buffer);
   * one byte for an index, exactly the slice's length for a slice. Checks run
   * in CPython's order (readonly first, then the value, then the key).
   * Overlapping copies behave like `memmove`.
   *
   * @throws PyTypeError "buffer is read-only", "bad argument type for built-in
   * operation", "single-segment buffer object expected", "right operand must be
   * a single byte", "right operand length must match slice length", "buffer
   * indices must be integers".
   * @throws IndexError "buffer assignment index out of range".
   * @example
   * ```ts
   * import { fromReadWriteObject } from "@pybuffer/legacy-buffer";
   * import { slice } from "@pybuffer/core";
   * const bytes = new Uint8Array(4);
   * const b = fromReadWriteObject(bytes);
   * b.set(0, new Uint8Array([9]));
   * b.set(slice(2, 4), new Uint8Array([7, 8])); // bytes: [9, 0, 7, 8]
   * ```
   *
   * @since 0.1.0
   */
  set(key: LegacyBufferKey, value: unknown): void {
    assignItem(this.#state, key, value);
  }

  /**
   * `del b[key]`: always refused, as in CPython ("buffer is read-only" for a
   * read-only buffer, "bad argument type for built-in operation" otherwise),
   * after the same checks as {@link set}.
   *
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * try { buffer(new Uint8Array(2)).delete(0); } catch (e) { (e as Error).message; } // "buffer is read-only"
   * ```
   *
   * @since 0.1.0
   */
  delete(key: LegacyBufferKey): never {
    assignItem(this.#state, key, DELETION);
    throw new PyTypeError("bad argument type for built-in operation"); // unreachable: a deletion always fails
  }

  /**
   * `b + other`: a new `Uint8Array` with the window's bytes and then
   * `other`'s (any single-segment readable object). When the window is empty
   * the result is `other` itself, whatever it is (as in CPython).
   *
   * @throws PyTypeError "bad argument type for built-in operation", "single-segment buffer object expected".
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * buffer(new Uint8Array([1])).concat(new Uint8Array([2, 3])); // Uint8Array [1, 2, 3]
   * const other = new Uint8Array([4]);
   * buffer(new Uint8Array(0)).concat(other) === other; // true
   * ```
   *
   * @since 0.1.0
   */
  concat<T>(other: T): Uint8Array | T {
    return concatenate(this.#state, other);
  }

  /**
   * `b * n`: the window's bytes `n` times (`n < 0` gives nothing), as a new
   * `Uint8Array`. An empty window gives an empty result (2.7.18 crashed).
   *
   * @throws PyTypeError "can't multiply sequence by non-int of type 'X'".
   * @throws OverflowError "cannot fit 'long' into an index-sized integer", "string is too large".
   * @throws MemoryError "result too large", or when the memory cannot be had.
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * buffer(new Uint8Array([1, 2])).repeat(2); // Uint8Array [1, 2, 1, 2]
   * ```
   *
   * @since 0.1.0
   */
  repeat(n: IntegerArgument): Uint8Array {
    return repeatWindow(this.#state, n);
  }

  /**
   * `b == other`: byte-wise against another buffer or any bytes-like
   * (new-protocol) object; against a string, the char buffer as ASCII text;
   * `false` for anything else. See the README for the exact rules.
   *
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * const b = buffer(new Uint8Array([97, 98]));
   * b.equals(buffer(new Uint8Array([97, 98]))); // true
   * b.equals(new Uint8Array([97, 98])); // true
   * b.equals("ab"); // true
   * ```
   *
   * @since 0.1.0
   */
  equals(other: unknown): boolean {
    return equalsValue(this.#state, other);
  }

  /**
   * `cmp(b, other)` (`buffer.__cmp__`) between two buffers: -1, 0 or 1, by
   * unsigned bytes and then by length.
   *
   * @throws PyTypeError "buffer.__cmp__(x,y) requires y to be a 'buffer', not a 'X'".
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * buffer("a").compare(buffer("b")); // -1
   * ```
   *
   * @since 0.1.0
   */
  compare(other: LegacyBuffer): -1 | 0 | 1 {
    return compareWith(this.#state, other);
  }

  /**
   * `hash(b)`: Python 2's `str` hash of the window (64-bit, unsalted), kept
   * after the first call even if the base changes.
   *
   * @throws PyTypeError "writable buffers are not hashable".
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * buffer(new TextEncoder().encode("abc")).hash(); // 1453079729188098211n, as hash('abc') in 2.7
   * ```
   *
   * @since 0.1.0
   */
  hash(): bigint {
    return hashState(this.#state);
  }

  /**
   * `x in b`: whether an item (a one-byte Python 2 `str`) equals `x`: a
   * one-character ASCII string, or a one-byte bytes-like object.
   *
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * const b = buffer(new TextEncoder().encode("abc"));
   * [b.includes("b"), b.includes("bc"), b.includes(98)]; // [true, false, false]
   * ```
   *
   * @since 0.1.0
   */
  includes(x: unknown): boolean {
    return includesValue(this.#state, x);
  }

  /**
   * Iteration: one-byte `Uint8Array`s, the window resolved again before each.
   *
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * [...buffer(new Uint8Array([1, 2]))]; // [Uint8Array [1], Uint8Array [2]]
   * ```
   *
   * @since 0.1.0
   */
  [Symbol.iterator](): Iterator<Uint8Array> {
    return iterateWindow(this.#state);
  }

  /**
   * `str(b)`: the window's bytes, as a new `Uint8Array`.
   *
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * buffer(new Uint8Array([1, 2, 3]), 1).toBytes(); // Uint8Array [2, 3]
   * ```
   *
   * @since 0.1.0
   */
  toBytes(): Uint8Array {
    const window = resolveWindow(this.#state, "any");
    return copyOut(window, 0, window.length);
  }

  /**
   * `repr(b)`, in CPython's format, with {@link objectId} for addresses.
   * Shows the stored size and offset; never fails.
   *
   * @example
   * ```ts
   * import { buffer } from "@pybuffer/legacy-buffer";
   * buffer(new Uint8Array(4), 1).repr(); // "<read-only buffer for 0x..., size -1, offset 1 at 0x...>"
   * ```
   *
   * @since 0.1.0
   */
  repr(): string {
    return reprOf(this.#state, this);
  }

  /**
   * The same as {@link repr}.
   *
   * @since 0.1.0
   */
  toString(): string {
    return this.repr();
  }

  /**
   * For Node's `util.inspect` (no import of Node needed).
   *
   * @since 0.1.0
   */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.repr();
  }

  /** @since 0.1.0 */
  get [pythonTypeNameKey](): string {
    return "buffer";
  }

  /**
   * `sq_length` for Python truth: an empty window is false (`buffer_length`).
   *
   * @since 0.1.0
   */
  [pythonLengthSymbol](): number {
    return this.length;
  }

  // ---- the old protocol (bufferobject.c: buffer_as_buffer) --------------

  /**
   * `bf_getreadbuffer`: segment 0 is the window read through the base's read slot.
   *
   * @since 0.1.0
   */
  [getReadBufferSymbol](segment: number): Segment {
    if (segment !== 0) throw new SystemError(SEGMENT_ERROR);
    return resolveWindow(this.#state, "read");
  }

  /**
   * `bf_getwritebuffer`: refused for a read-only buffer (before the segment is checked).
   *
   * @since 0.1.0
   */
  [getWriteBufferSymbol](segment: number): Segment {
    if (this.#state.readonly) throw new PyTypeError("buffer is read-only");
    if (segment !== 0) throw new SystemError(SEGMENT_ERROR);
    return resolveWindow(this.#state, "write");
  }

  /**
   * `bf_getsegcount`: one segment, the window's length (which must resolve).
   *
   * @since 0.1.0
   */
  [getSegmentCountSymbol](): SegmentCount {
    return { count: 1, length: resolveWindow(this.#state, "any").length };
  }

  /**
   * `bf_getcharbuffer`: segment 0 is the window read through the base's char slot.
   *
   * @since 0.1.0
   */
  [getCharBufferSymbol](segment: number): Segment {
    if (segment !== 0) throw new SystemError(SEGMENT_ERROR);
    return resolveWindow(this.#state, "char");
  }

  // ---- the new protocol (bufferobject.c: buffer_getbuffer) --------------

  /**
   * `buffer_getbuffer`: the window as 1-D unsigned bytes (`PyBuffer_FillInfo`),
   * read-only unless the buffer is read-write. Unlike 2.7, a base that speaks
   * the new protocol is held (pinned) until the record is released, so it
   * cannot be resized under a memoryview.
   *
   * @since 0.1.0
   */
  [getBufferSymbol](flags: number): BufferRecord {
    const state = this.#state;
    const window = resolveWindow(state, "any");
    const record = fillInfo(this, window.memory, window.offset, window.length, state.readonly, flags);
    const base = state.base;
    const pin = typeof base === "object" && base !== null && checkBuffer(base) ? getBuffer(base, BufferFlags.SIMPLE) : null;
    return { ...record, internal: pin };
  }

  /**
   * Releases the base's export that the get-buffer method holds for `view`.
   *
   * @since 0.1.0
   */
  [releaseBufferSymbol](view: BufferRecord): void {
    const pin = view.internal as BufferRecord | null;
    if (pin !== null && typeof pin === "object") releaseBuffer(pin);
  }
}

/** `value instanceof Seed`, false for a Proxy whose prototype cannot be read (a revoked one): buffer() then refuses it as any other non-exporter. */
function isSeed(value: unknown): value is Seed {
  try {
    return value instanceof Seed;
  } catch {
    return false;
  }
}
