/**
 * A window looked up once where nothing can move it. CPython 2.7's
 * `get_buf` (Objects/bufferobject.c) asks the base's slots again on every
 * operation, and so does `resolveWindow`. For two kinds of buffer the answer
 * cannot change until the memory is detached:
 *
 * - a buffer over raw memory (`bufferFromMemory` and its kin);
 * - a buffer over a plain built-in (a TypedArray, DataView, ArrayBuffer or
 *   SharedArrayBuffer of a built-in prototype, with no protocol method: its
 *   slots run no code, and its segment is its internal slots, read through
 *   the built-in getters), as long as it gains no export method of its own;
 *
 * both over memory of a fixed size (neither resizable nor growable, nor
 * immutable, so read and write windows agree). Their window is kept as a
 * `Uint8Array` view and checked, not resolved, on each use: one check of
 * its length (a view over detached memory has none) and one of the base's
 * export method, in place of a slot call, four getters and a new view.
 *
 * @module
 */

import { getBufferSymbol, isSharedArrayBuffer, type MemoryBlock } from "@pybuffer/core";
import { isPlainInstance } from "../protocol/plain-builtin.ts";
import { segmentBytes } from "../protocol/segment.ts";
import { resolveWindow, type BufferState } from "./state.ts";

/**
 * The window of `state` as a view over its current bytes, when it is a
 * stable window that is still valid; `undefined` otherwise (the caller then
 * resolves the window as CPython does). Reading it runs no code of the base.
 */
export function stableWindow(state: BufferState): Uint8Array | undefined {
  let known = state.stable;
  if (known === undefined) known = state.stable = findStableWindow(state);
  if (known === null || known === undefined || known.length === 0) return undefined;
  const base = state.base;
  // A built-in that gained an export method is read through it from now on (bridge.ts).
  if (base !== null && getBufferSymbol in (base as object)) return undefined;
  return known;
}

/**
 * The view to keep for `state`; `null` when its window can move (or is
 * empty: a fixed-size window stays empty); `undefined` to look again on the
 * next use (the window could not be had now).
 */
function findStableWindow(state: BufferState): Uint8Array | null | undefined {
  const base = state.base;
  if (base !== null && !isPlainBase(state, base)) return null;
  if (base !== null && getBufferSymbol in base) return undefined;
  let window;
  try {
    // Runs no code of the base (see isPlainBase); any failure is left to the general path to report.
    window = resolveWindow(state, "read");
  } catch {
    return undefined;
  }
  if (window.length === 0 || !isFixedSize(window.memory)) return null;
  return segmentBytes(window);
}

/** A base whose slots are the bridge's and run no code: a plain built-in. */
function isPlainBase(state: BufferState, base: object | string): base is object {
  return typeof base === "object" && state.slots?.pure === true && isPlainInstance(base);
}

type FlagGetter = (this: unknown) => unknown;

/** The built-in getter of a block flag, where the engine has the flag (`immutable` is newer than Node 20). */
function flagGetter(prototype: object, name: string): FlagGetter | undefined {
  return Object.getOwnPropertyDescriptor(prototype, name)?.get as FlagGetter | undefined;
}

const arrayBufferResizable = flagGetter(ArrayBuffer.prototype, "resizable");
const arrayBufferImmutable = flagGetter(ArrayBuffer.prototype, "immutable");
const sharedGrowable = typeof SharedArrayBuffer === "function" ? flagGetter(SharedArrayBuffer.prototype, "growable") : undefined;

/**
 * Memory whose size never changes but by detaching (and that is not
 * read-only: read and write windows agree), by the built-in getters: a
 * `resizable` of the block's own saying false would keep a window that
 * its growth should move.
 */
function isFixedSize(memory: MemoryBlock): boolean {
  if (isSharedArrayBuffer(memory)) return sharedGrowable?.call(memory) !== true;
  return arrayBufferResizable?.call(memory) !== true && arrayBufferImmutable?.call(memory) !== true;
}
