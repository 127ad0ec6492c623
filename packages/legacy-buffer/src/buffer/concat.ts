/**
 * `b + other` (`sq_concat`: Objects/bufferobject.c, buffer_concat).
 *
 * @module
 */

import { getBufferSymbol, PyTypeError } from "@pybuffer/core";
import { isUint8Array, typedArrayElements } from "@pybuffer/core/internal";
import { getCharBufferSymbol, getReadBufferSymbol, getSegmentCountSymbol, getWriteBufferSymbol } from "../protocol/symbols.ts";
import { segmentCount, slotsOf } from "../protocol/slots.ts";
import { joinBytes, joinWindows } from "./bytes.ts";
import { stableWindow } from "./stable-window.ts";
import { resolveWindow, type BufferState } from "./state.ts";

/**
 * The window's bytes followed by `other`'s (read through its read slot), as
 * a new array; `other` itself when the window is empty.
 *
 * @throws PyTypeError "bad argument type for built-in operation", "single-segment buffer object expected".
 */
export function concatenate<T>(state: BufferState, other: T): Uint8Array | T {
  const head = stableWindow(state);
  // Neither side runs code nor can fail: every check below would pass, and the bytes are at hand.
  if (head !== undefined && isPlainBytes(other)) return joinBytes(head, other);
  const slots = slotsOf(other);
  if (slots === null || slots.read === undefined || slots.count === undefined) {
    throw new PyTypeError("bad argument type for built-in operation");
  }
  if (segmentCount(slots) !== 1) throw new PyTypeError("single-segment buffer object expected");
  const window = resolveWindow(state, "any");
  if (window.length === 0) return other;
  return joinWindows(window, slots.read(0));
}

/**
 * Whether `other` is a non-empty `Uint8Array` (a `Buffer` or any subclass)
 * with no protocol method: its one segment, read through the bridge, is
 * exactly its elements (protocol/bridge.ts), so it serves as the bytes
 * themselves. Its own getters are never read (`set` reads its internal
 * slots). An empty one (or one whose memory is gone) takes the general path.
 */
function isPlainBytes(other: unknown): other is Uint8Array {
  return (
    isUint8Array(other) &&
    typedArrayElements(other) !== 0 && // not its own `length`: a live, non-empty array
    !(getBufferSymbol in other) &&
    !(getReadBufferSymbol in other) &&
    !(getWriteBufferSymbol in other) &&
    !(getCharBufferSymbol in other) &&
    !(getSegmentCountSymbol in other)
  );
}
