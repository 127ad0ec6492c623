/**
 * `b + other` (`sq_concat`: Objects/bufferobject.c, buffer_concat).
 *
 * @module
 */

import { PyTypeError } from "@pybuffer/core";
import { concatBytes } from "@pybuffer/core/internal";
import { segmentBytes } from "../protocol/segment.ts";
import { segmentCount, slotsOf } from "../protocol/slots.ts";
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
  const tail = slots.read(0);
  return concatBytes([segmentBytes(window), segmentBytes(tail)]);
}
