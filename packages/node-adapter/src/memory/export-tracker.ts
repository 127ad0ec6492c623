/**
 * Counting an exporter's buffers the way CPython's `ob_exports` does, with
 * one JavaScript addition: a buffer whose holder was garbage-collected
 * without `releaseBuffer` counts as released.
 *
 * Each export carries a fresh token as its record's `internal`. Releases
 * find the export by that token, not by the record's identity (a release may
 * hand back a copy of the record, as C hands back the consumer's
 * `Py_buffer`), and the token's collection, which happens only once no copy
 * of the record is left anywhere, ends an export nobody released.
 *
 * @module
 */

import type { BufferRecord } from "@pybuffer/core";

/** Export counts, and the tokens of the exports still held. */
export class ExportTracker {
  static readonly #collected = new FinalizationRegistry<ExportTracker>((tracker) => {
    tracker.#count--;
  });

  readonly #live = new WeakSet<object>();
  #count = 0;

  /** Buffers exported and not yet released (or collected). */
  get count(): number {
    return this.#count;
  }

  /** Counts a new export; returns the token to store as its record's `internal`. */
  track(): object {
    const token = {};
    this.#live.add(token);
    this.#count++;
    ExportTracker.#collected.register(token, this, token);
    return token;
  }

  /** Ends the export of `view` (found by its `internal`); unknown or released ones are ignored. */
  release(view: BufferRecord): void {
    const token = view.internal;
    if (typeof token !== "object" || token === null || !this.#live.delete(token)) return;
    ExportTracker.#collected.unregister(token);
    this.#count--;
  }
}
