/**
 * Iteration and containment (Objects/bufferobject.c: buffer_as_sequence). The buffer type has neither
 * `tp_iter` nor `sq_contains`: Python iterates it with the old sequence
 * iterator (one `sq_item` call, so one window resolution, per step) and
 * answers `x in b` by comparing `x` with each one-byte item.
 *
 * @module
 */

import { BufferFlags, checkBuffer, getBuffer, releaseBuffer } from "@pybuffer/core";
import { segmentBytes } from "../protocol/segment.ts";
import { copyOut } from "./bytes.ts";
import { stateOf } from "./registry.ts";
import { resolveWindow, type BufferState } from "./state.ts";

/**
 * One-byte arrays, the window resolved again before each: a base that
 * shrinks ends the iteration early, one that grows lengthens it, and one
 * that breaks raises from `next()`.
 */
export function* iterateWindow(state: BufferState): Generator<Uint8Array, void, undefined> {
  for (let index = 0; ; index++) {
    const window = resolveWindow(state, "any");
    if (index >= window.length) return;
    yield copyOut(window, index, 1);
  }
}

/** The byte `x` equals as a one-byte Python 2 `str` item, or -1 when it equals none. */
function itemEqualTo(x: unknown): number {
  if (typeof x === "string") {
    // 'b' == u'b' decodes the str as ASCII: a byte outside ASCII never equals.
    const unit = x.length === 1 ? x.charCodeAt(0) : -1;
    return unit < 0x80 ? unit : -1;
  }
  if (typeof x !== "object" || x === null || stateOf(x) !== undefined || !checkBuffer(x)) return -1;
  // A bytes-like object (2.7's bytearray) compares byte-wise with a str.
  let record;
  try {
    record = getBuffer(x, BufferFlags.SIMPLE);
  } catch {
    return -1;
  }
  try {
    return record.len === 1 ? new Uint8Array(record.memory, record.buf, 1)[0]! : -1;
  } finally {
    releaseBuffer(record);
  }
}

/**
 * `x in b`: whether some item equals `x`. The window is resolved (so a broken
 * base raises) even when nothing could match.
 */
export function includesValue(state: BufferState, x: unknown): boolean {
  const window = resolveWindow(state, "any");
  const target = itemEqualTo(x);
  return target >= 0 && segmentBytes(window).includes(target);
}
