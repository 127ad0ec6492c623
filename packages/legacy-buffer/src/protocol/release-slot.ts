/**
 * Whether a value's release method is a `bf_releasebuffer` slot, the mark
 * that getargs.c calls "pinned" (its exports must be released). Python 2's
 * `buffer` type has no such slot: its JavaScript release method only gives
 * back the export it took from its base. A type says so here, so generic
 * old-protocol code asks the protocol layer, never the concrete type.
 *
 * @module
 */

const withoutReleaseSlot = new WeakSet<object>();

/** Declares that `value`'s release method is bookkeeping, not a `bf_releasebuffer` slot. */
export function declareNoReleaseSlot(value: object): void {
  withoutReleaseSlot.add(value);
}

/** Whether `value` was declared to have no `bf_releasebuffer` slot. */
export function hasNoReleaseSlot(value: object): boolean {
  return withoutReleaseSlot.has(value);
}
