/**
 * `repr(b)` in CPython's format (Objects/bufferobject.c: buffer_repr), with {@link objectId} standing
 * in for addresses. It shows the stored offset and size, and never resolves
 * the window, so it never fails.
 *
 * @module
 */

import { objectId } from "./object-id.ts";
import type { BufferState } from "./state.ts";

const hex = (address: number): string => `0x${address.toString(16)}`;

/** `<read-only buffer for 0x..., size -1, offset 0 at 0x...>` or `<read-write buffer ptr 0x..., size N at 0x...>`. */
export function reprOf(state: BufferState, self: object): string {
  const status = state.readonly ? "read-only" : "read-write";
  if (state.base === null) {
    return `<${status} buffer ptr ${hex(objectId(state.memory!) + state.pointer)}, size ${state.size} at ${hex(objectId(self))}>`;
  }
  return `<${status} buffer for ${hex(objectId(state.base))}, size ${state.size}, offset ${state.offset} at ${hex(objectId(self))}>`;
}
