/**
 * `b + other` (`sq_concat`: Objects/bufferobject.c, buffer_concat).
 *
 * @module
 */

import { PyTypeError } from "@pybuffer/core";
import { segmentCount, slotsOf } from "../protocol/slots.ts";
import { joinWindows } from "./bytes.ts";
import { resolveWindow, type BufferState } from "./state.ts";

/**
 * The window's bytes followed by `other`'s (read through its read slot), as
 * a new array; `other` itself when the window is empty.
 *
 * @throws PyTypeError "bad argument type for built-in operation", "single-segment buffer object expected".
 */
export function concatenate<T>(state: BufferState, other: T): Uint8Array | T {
  const slots = slotsOf(other);
  if (slots === null || slots.read === undefined || slots.count === undefined) {
    throw new PyTypeError("bad argument type for built-in operation");
  }
  if (segmentCount(slots) !== 1) throw new PyTypeError("single-segment buffer object expected");
  const window = resolveWindow(state, "any");
  if (window.length === 0) return other;
  return joinWindows(window, slots.read(0));
}
