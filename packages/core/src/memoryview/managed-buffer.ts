/**
 * The managed buffer (CPython's `_PyManagedBufferObject`): one buffer taken
 * from an exporter, shared by every view derived from it (slices, casts,
 * read-only copies, `memoryview(mv)`), and given back exactly once, when the
 * last of them is released or collected.
 *
 * @module
 */

import type { BufferRecord } from "../protocol/buffer-record.ts";
import { deferredRelease, releaseBuffer, runDeferredRelease, type DeferredRelease } from "../protocol/get-buffer.ts";

/** A registration of one view on a managed buffer; released at most once. */
export interface ViewRegistration {
  released: boolean;
}

/**
 * A managed buffer whose views were all collected without `release()` is
 * collected too, and its exporter's buffer is then released, so a forgotten
 * view does not pin its exporter (or keep a resize lock) forever. The
 * registry holds the exporter only weakly (see {@link DeferredRelease}).
 */
const collected = new FinalizationRegistry<DeferredRelease>(runDeferredRelease);

/**
 * A collected view counts as released, so that the last live view's
 * `release()` still gives the buffer back. The buffer is held weakly: when
 * it goes too, the registry above has already done the work.
 */
const viewCollected = new FinalizationRegistry<{ buffer: WeakRef<ManagedBuffer>; registration: ViewRegistration }>(
  ({ buffer, registration }) => buffer.deref()?.unregister(registration),
);

/** The shared acquisition behind a family of views. */
export class ManagedBuffer {
  /** The record from the exporter (or a temporary record for `fromMemory`/`fromBuffer`). */
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

  /** Registers a new view, `owner`, whose collection counts as its release. */
  register(owner: object): ViewRegistration {
    this.#views++;
    const registration: ViewRegistration = { released: false };
    viewCollected.register(owner, { buffer: new WeakRef(this), registration }, registration);
    return registration;
  }

  /** Unregisters a view; the last one gives the buffer back to its exporter. */
  unregister(registration: ViewRegistration): void {
    if (registration.released) return;
    registration.released = true;
    viewCollected.unregister(registration);
    if (--this.#views === 0 && !this.#released) {
      this.#released = true;
      collected.unregister(this);
      if (this.#owned) releaseBuffer(this.master);
    }
  }
}
