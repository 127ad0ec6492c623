/**
 * The managed buffer (CPython's `_PyManagedBufferObject`): one buffer taken
 * from an exporter, shared by every view derived from it (slices, casts,
 * read-only copies, `memoryview(mv)`), and given back exactly once: when the
 * last view still held is released, or when the collector finds the whole
 * family unreachable.
 *
 * CPython counts a view as released the moment its last reference goes.
 * JavaScript cannot see that moment, and watching every view with a
 * `FinalizationRegistry` costs more than the view itself (a weak cell per
 * slice or cast, traced by every collection). So only the family is
 * watched: a view dropped without `release()` keeps the count up, and the
 * buffer then goes back when the family is collected. Released views let go
 * of their family, so a released view kept around does not pin the buffer.
 *
 * @module
 */

import type { BufferRecord } from "../protocol/buffer-record.ts";
import { deferredRelease, releaseBuffer, runDeferredRelease, type DeferredRelease } from "../protocol/get-buffer.ts";

/**
 * A family collected with views never released gives its exporter's buffer
 * back, so a forgotten view does not pin its exporter (or keep a resize
 * lock) beyond the next collection. The registry holds the exporter only
 * weakly (see {@link DeferredRelease}), so an exporter that refers to its
 * own view is collected too.
 */
const collected = new FinalizationRegistry<DeferredRelease>(runDeferredRelease);

/** The shared acquisition behind a family of views. */
export class ManagedBuffer {
  /** The record from the exporter (or a temporary record for `memoryViewFromMemory`/`memoryViewFromBuffer`). */
  readonly master: BufferRecord;
  /** Whether `master` came from `getBuffer` and must be released. */
  readonly #owned: boolean;
  #views = 0;
  #released = false;

  constructor(master: BufferRecord, owned: boolean) {
    this.master = master;
    this.#owned = owned;
    const release = owned ? deferredRelease(master) : null;
    if (release !== null) collected.register(this, release, this);
  }

  /** Counts a new view of the family. */
  attach(): void {
    this.#views++;
  }

  /** A view of the family was released (each at most once); the last one gives the buffer back. */
  detach(): void {
    if (--this.#views === 0 && !this.#released) {
      this.#released = true;
      collected.unregister(this);
      if (this.#owned) releaseBuffer(this.master);
    }
  }
}
