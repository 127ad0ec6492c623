/**
 * Which objects are legacy buffers, and their state: composition, comparison
 * and the slot lookup need another buffer's state, and a WeakMap gives it to
 * them without exposing it.
 *
 * @module
 */

import type { BufferState } from "./state.ts";

const states = new WeakMap<object, BufferState>();

/** Records `buffer`'s state (once, when it is made). */
export function registerState(buffer: object, state: BufferState): void {
  states.set(buffer, state);
}

/** The state of a legacy buffer, or `undefined` for anything else. */
export function stateOf(value: unknown): BufferState | undefined {
  return typeof value === "object" && value !== null ? states.get(value) : undefined;
}
