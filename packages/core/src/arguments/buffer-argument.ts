/**
 * Argument helpers for library authors, after `PyArg_ParseTuple`'s buffer
 * codes: `y*` (any bytes-like object), `s*` (a str, as UTF-8, or a bytes-like
 * object), `z*` (the same or None) and `w*` (a read-write bytes-like
 * object). Each holds one contiguous buffer and gives its bytes as a
 * `Uint8Array` window, without copying, until released.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { BufferError, PyTypeError, UnicodeEncodeError, ValueError } from "../errors/python-errors.ts";
import { isDetached } from "../protocol/builtin-exporters.ts";
import { readableBytes, writableBytes, type ArgumentPosition, type BytesWindow } from "./bytes-argument.ts";

/** Proves to {@link BufferArgument}'s constructor that an argument function calls it. */
const MADE_BY_ARGUMENT_FUNCTIONS = Symbol("BufferArgument");

/** Set by {@link BufferArgument}'s static block: the one way to call its private constructor. */
let makeBufferArgument: (window: BytesWindow, readonly: boolean) => BufferArgument;

/**
 * A held bytes-like argument (a `Py_buffer` filled by `y*`, `s*`, `z*` or
 * `w*`). Release it once done, or hold it with `using`.
 *
 * @example
 * ```ts
 * import { bytesArgument } from "@pybuffer/core";
 * function checksum(data: unknown): number {
 *   using arg = bytesArgument(data);
 *   return arg.bytes.reduce((sum, byte) => (sum + byte) & 0xff, 0);
 * }
 * checksum(new Uint16Array([0x0101])); // 2
 * ```
 *
 * @since 0.1.0
 */
export class BufferArgument implements Disposable {
  readonly #window: BytesWindow;
  readonly #readonly: boolean;
  #view: Uint8Array | undefined;
  #released = false;

  /**
   * Not constructible: the argument functions make these (this package's and
   * legacy-buffer's, through {@link heldBufferArgument}), having checked what
   * they hold. Other callers get CPython's words for a type without
   * `tp_new` ("cannot create 'X' instances", Objects/typeobject.c, `type_call`).
   */
  private constructor(token: symbol, window: BytesWindow, readonly: boolean) {
    if (token !== MADE_BY_ARGUMENT_FUNCTIONS) throw new PyTypeError("cannot create 'BufferArgument' instances");
    this.#window = window;
    this.#readonly = readonly;
  }

  static {
    makeBufferArgument = (window, readonly) => new BufferArgument(MADE_BY_ARGUMENT_FUNCTIONS, window, readonly);
  }

  /**
   * The argument's bytes, a window on its memory (not a copy).
   *
   * @throws ValueError after release; BufferError when the memory was detached or shrunk.
   *
   * @since 0.1.0
   */
  get bytes(): Uint8Array {
    if (this.#released) throw new ValueError("operation forbidden on a released buffer argument");
    const { memory, offset, length } = this.#window;
    if (isDetached(memory) || offset + length > blockByteLength(memory)) {
      throw new BufferError("the argument's memory is gone (detached or resized)");
    }
    this.#view ??= new Uint8Array(memory, offset, length);
    return this.#view;
  }

  /**
   * Whether writing through {@link bytes} is allowed (only `w*` arguments).
   *
   * @since 0.1.0
   */
  get readonly(): boolean {
    return this.#readonly;
  }

  /**
   * The number of bytes.
   *
   * @since 0.1.0
   */
  get length(): number {
    return this.#window.length;
  }

  /**
   * Gives the buffer back to its exporter (`PyBuffer_Release`); idempotent.
   *
   * @since 0.1.0
   */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#window.release();
  }

  /** @since 0.1.0 */
  [Symbol.dispose](): void {
    this.release();
  }
}

/**
 * A {@link BufferArgument} holding `window` (the bytes, and how to give them
 * back): for argument functions that fill the same `Py_buffer` by other
 * means, as legacy-buffer's old-protocol codes do. Exported only from
 * `@pybuffer/core/internal`.
 *
 * @example
 * ```ts
 * import { heldBufferArgument } from "@pybuffer/core/internal";
 * const memory = new ArrayBuffer(4);
 * let released = false;
 * const arg = heldBufferArgument({ memory, offset: 1, length: 2, release: () => { released = true; } }, true);
 * arg.length; // 2
 * arg.release();
 * released; // true
 * ```
 */
export function heldBufferArgument(window: BytesWindow, readonly: boolean): BufferArgument {
  return makeBufferArgument(window, readonly);
}

/**
 * `y*`: any bytes-like object (a contiguous buffer of any exporter).
 *
 * @throws PyTypeError "a bytes-like object is required, not 'str'"; the exporter's BufferError.
 * @example
 * ```ts
 * import { bytesArgument } from "@pybuffer/core";
 * bytesArgument(new ArrayBuffer(3)).length; // 3
 * ```
 *
 * @since 0.1.0
 */
export function bytesArgument(arg: unknown): BufferArgument {
  return heldBufferArgument(readableBytes(arg), true);
}

/**
 * `s*`: a string (its UTF-8 encoding) or any bytes-like object.
 *
 * @example
 * ```ts
 * import { textOrBytesArgument } from "@pybuffer/core";
 * textOrBytesArgument("é").bytes; // Uint8Array [195, 169]
 * ```
 *
 * @since 0.1.0
 */
export function textOrBytesArgument(arg: unknown): BufferArgument {
  if (typeof arg === "string") {
    assertEncodableAsUtf8(arg);
    const bytes = encodeUtf8(arg);
    return heldBufferArgument({ memory: bytes.buffer, offset: 0, length: bytes.length, release: () => {} }, true);
  }
  return bytesArgument(arg);
}

/**
 * `z*`: like {@link textOrBytesArgument}, but `null` or `undefined` (None) gives `null`.
 *
 * @example
 * ```ts
 * import { optionalTextOrBytesArgument } from "@pybuffer/core";
 * optionalTextOrBytesArgument(null); // null
 * ```
 *
 * @since 0.1.0
 */
export function optionalTextOrBytesArgument(arg: unknown): BufferArgument | null {
  return arg === null || arg === undefined ? null : textOrBytesArgument(arg);
}

/**
 * `w*`: a read-write bytes-like object.
 *
 * @throws PyTypeError "f() argument 1 must be read-write bytes-like object, not bytes"
 * (with `where`; "argument must be ..." without).
 * @example
 * ```ts
 * import { writableBytesArgument } from "@pybuffer/core";
 * const target = new Uint8Array(2);
 * writableBytesArgument(target).bytes.set([1, 2]); // target: [1, 2]
 * ```
 *
 * @since 0.1.0
 */
export function writableBytesArgument(arg: unknown, where?: ArgumentPosition): BufferArgument {
  return heldBufferArgument(writableBytes(arg, where), false);
}

/**
 * Python's UTF-8 codec refuses lone surrogates, which a JS string can hold
 * (TextEncoder would silently write U+FFFD instead).
 */
function assertEncodableAsUtf8(text: string): void {
  if (text.isWellFormed()) return;
  const points = Array.from(text);
  const isSurrogate = (p: string): boolean => {
    const code = p.codePointAt(0)!;
    return code >= 0xd800 && code <= 0xdfff;
  };
  const first = points.findIndex(isSurrogate);
  let end = first;
  while (end < points.length && isSurrogate(points[end]!)) end++;
  const reason = "surrogates not allowed";
  if (end - first === 1) {
    const escape = `\\u${points[first]!.codePointAt(0)!.toString(16)}`;
    throw new UnicodeEncodeError(`'utf-8' codec can't encode character '${escape}' in position ${first}: ${reason}`);
  }
  throw new UnicodeEncodeError(`'utf-8' codec can't encode characters in position ${first}-${end - 1}: ${reason}`);
}

/** UTF-8 of a well-formed string (core uses no host API, not even TextEncoder). */
function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const point of text) {
    const code = point.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(bytes);
}
