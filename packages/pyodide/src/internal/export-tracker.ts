/**
 * One CPython export per JavaScript export: each record handed out carries a
 * token in `internal` that gives the export back exactly once, on release
 * or, for a record dropped without one, when the token is collected
 * (core's records share `internal` with the exporter's record, so the token
 * lives as long as either).
 *
 * @module
 */

/** The `internal` of a record this package exported. */
export interface ExportToken {
  /** Gives the export back; later calls do nothing. */
  release(): void;
}

/** Counts live exports and gives back the collected ones. */
export class ExportTracker {
  #count = 0;
  readonly #tokens = new WeakSet<object>();
  readonly #finalizer = new FinalizationRegistry<() => void>((giveBack) => giveBack());

  /** Live exports: taken, and neither released nor collected. */
  get count(): number {
    return this.#count;
  }

  /** A token that runs `giveBack` once (it must not refer to the token). */
  track(giveBack: () => void): ExportToken {
    const once = this.#once(giveBack);
    const finalizer = this.#finalizer;
    const token: ExportToken = {
      release: () => {
        finalizer.unregister(token);
        once();
      },
    };
    this.#count++;
    this.#tokens.add(token);
    finalizer.register(token, once, token);
    return token;
  }

  /**
   * `giveBack`, run at most once. Made apart from the token: a closure made
   * next to one that captures the token would share its scope and keep the
   * token alive from the finalizer's held value.
   */
  #once(giveBack: () => void): () => void {
    let live = true;
    return () => {
      if (!live) return;
      live = false;
      this.#count--;
      giveBack();
    };
  }

  /** Whether `internal` is one of this tracker's tokens. */
  owns(internal: unknown): internal is ExportToken {
    return typeof internal === "object" && internal !== null && this.#tokens.has(internal);
  }
}
