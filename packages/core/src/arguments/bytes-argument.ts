/**
 * Contiguous byte arguments, as CPython's argument parser takes them with
 * `y*` (any bytes-like object, read-only access) and `w*` (a read-write
 * bytes-like object): one SIMPLE or WRITABLE request, held until released.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { PyTypeError } from "../errors/python-errors.ts";
import { argumentTypeName } from "../internal/python-type-name.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";
import { viewBuffer, viewByteLength, viewByteOffset } from "../internal/view-window.ts";
import type { MemoryBlock } from "../protocol/buffer-record.ts";
import { isMemoryBlock } from "../protocol/builtin-exporters.ts";
import { BufferFlags } from "../protocol/flags.ts";
import { getBuffer, releaseBuffer } from "../protocol/get-buffer.ts";
import { getBufferSymbol } from "../protocol/symbols.ts";

/**
 * A held window of contiguous bytes: where they are, and how to give them
 * back. Exported only from `@pybuffer/core/internal`.
 *
 * @example
 * ```ts
 * import type { BytesWindow } from "@pybuffer/core/internal";
 * const window: BytesWindow = { memory: new ArrayBuffer(8), offset: 2, length: 4, release: () => {} };
 * window.offset + window.length; // 6
 * ```
 */
export interface BytesWindow {
  readonly memory: MemoryBlock;
  /** Byte offset of the first byte in `memory`. */
  readonly offset: number;
  readonly length: number;
  /** Releases the underlying buffer; further calls do nothing. */
  release(): void;
}

const nothingToRelease = (): void => {};

/**
 * `y*`: the bytes of any exporter, requested with PyBUF_SIMPLE. Built-in
 * binary types skip the protocol round trip (their answer is known).
 *
 * @throws PyTypeError "a bytes-like object is required, not 'X'", or the exporter's BufferError.
 */
export function readableBytes(obj: unknown): BytesWindow {
  const fast = builtinWindow(obj);
  if (fast !== undefined) return fast;
  const view = getBuffer(obj, BufferFlags.SIMPLE);
  return { memory: view.memory, offset: view.buf, length: view.len, release: () => releaseBuffer(view) };
}

/**
 * `w*`: the bytes of a writable exporter, requested with PyBUF_WRITABLE.
 *
 * @throws PyTypeError "argument must be read-write bytes-like object, not X"
 * for anything that cannot give a writable contiguous buffer.
 */
export function writableBytes(obj: unknown, where: ArgumentPosition = {}): BytesWindow {
  const fast = builtinWindow(obj);
  if (fast !== undefined && !isImmutableMemory(fast.memory)) return fast;
  try {
    const view = getBuffer(obj, BufferFlags.WRITABLE);
    return { memory: view.memory, offset: view.buf, length: view.len, release: () => releaseBuffer(view) };
  } catch {
    // converterr() names None as "None", not "NoneType".
    const name = argumentTypeName(obj);
    const position = where.position ?? (where.functionName === undefined ? undefined : 1);
    const argument = `${where.functionName === undefined ? "" : `${where.functionName}() `}argument${position === undefined ? "" : ` ${position}`}`;
    throw new PyTypeError(`${argument} must be read-write bytes-like object, not ${name}`);
  }
}

/**
 * Where an argument sits, for messages: `PyArg_ParseTuple` names the
 * function and the 1-based position ("f() argument 2 must be ...").
 *
 * @example
 * ```ts
 * import type { ArgumentPosition } from "@pybuffer/core";
 * const where: ArgumentPosition = { functionName: "readinto", position: 1 };
 * ```
 *
 * @since 0.1.0
 */
export interface ArgumentPosition {
  /** @since 0.1.0 */
  readonly functionName?: string;
  /** @since 0.1.0 */
  readonly position?: number;
}

/**
 * A plain `Uint8Array` that `w*` takes exactly as it lies (its whole
 * window, nothing to release), or undefined for anything else, which
 * {@link writableBytes} then decides: a hot path's way to skip the window
 * object. Same rules as there: live and non-empty, no exporter method of its
 * own, mutable memory.
 */
export function writableByteArray(obj: unknown): Uint8Array | undefined {
  // The tag check answers for real TypedArrays only, so `in` below cannot meet a Proxy.
  if (!isUint8Array(obj) || obj.length === 0 || getBufferSymbol in obj) return undefined;
  return isImmutableMemory(obj.buffer as MemoryBlock) ? undefined : obj;
}

/**
 * Built-in views and blocks with live memory skip the protocol round trip;
 * anything unusual (an empty or out-of-bounds view, a subclass that defines
 * its own exporter method) takes the full path.
 */
function builtinWindow(obj: unknown): BytesWindow | undefined {
  if (typeof obj !== "object" || obj === null) return undefined;
  try {
    if (getBufferSymbol in obj) return undefined; // inside the try: `in` throws on a revoked Proxy
    if (ArrayBuffer.isView(obj)) {
      // The window through the built-in getters (view-window.ts): the view's own properties cannot move it.
      const length = viewByteLength(obj);
      if (length === 0) return undefined;
      return { memory: viewBuffer(obj), offset: viewByteOffset(obj), length, release: nothingToRelease };
    }
    if (isMemoryBlock(obj) && blockByteLength(obj) !== 0) {
      return { memory: obj, offset: 0, length: blockByteLength(obj), release: nothingToRelease };
    }
  } catch {
    // A DataView whose window a resize cut off throws on byteLength.
  }
  return undefined;
}

function isImmutableMemory(memory: MemoryBlock): boolean {
  return (memory as { immutable?: boolean }).immutable === true;
}
