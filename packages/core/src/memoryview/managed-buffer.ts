/**
 * The managed buffer (CPython's `_PyManagedBufferObject`): one buffer taken
 * from an exporter, shared by every view derived from it (slices, casts,
 * read-only copies, `memoryview(mv)`), and given back exactly once, when the
 * last of them is released or collected.
 *
 * @module
 */

import type { BufferRecord } from "../protocol/buffer-record.ts";
import { releaseBuffer } from "../protocol/get-buffer.ts";

/** A registration of one view on a managed buffer; released at most once. */
export interface ViewRegistration {
  readonly buffer: ManagedBuffer;
  released: boolean;
}

/**
 * Views collected without `release()` unregister themselves, so a forgotten
 * view does not pin its exporter (or keep a resize lock) forever.
 */
const collected = new FinalizationRegistry<ViewRegistration>((registration) => registration.buffer.unregister(registration));

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
  }

  /** Registers a new view; `owner` is watched so its collection counts as a release. */
  register(owner: object): ViewRegistration {
    this.#views++;
    const registration: ViewRegistration = { buffer: this, released: false };
    collected.register(owner, registration, registration);
    return registration;
  }

  /** Unregisters a view; the last one gives the buffer back to its exporter. */
  unregister(registration: ViewRegistration): void {
    if (registration.released) return;
    registration.released = true;
    collected.unregister(registration);
    if (--this.#views === 0 && !this.#released) {
      this.#released = true;
      if (this.#owned) releaseBuffer(this.master);
    }
  }
}
