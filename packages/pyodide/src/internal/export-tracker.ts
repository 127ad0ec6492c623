/**
 * One CPython export per JavaScript export: each record handed out carries a
 * token in `internal` that gives the export back exactly once, on release
 * or, for a record dropped without one, when the token is collected
 * (core's records share `internal` with the exporter's record, so the token
 * lives as long as either).
 *
 * Per export this makes a token, one registry entry and its held pair,
 * nothing else: no closure, and no weak set of tokens (a weak collection
 * that only grows made every export cost microseconds of garbage
 * collection).
 *
 * @module
 */

/** The `internal` of a record this package exported. */
export interface ExportToken {
  /** Gives the export back; later calls do nothing. */
  release(): void;
}

/** What the registry keeps for an unreleased token: never the token itself, so it can be collected. */
interface Collectable {
  readonly tracker: ExportTracker<unknown>;
  readonly held: unknown;
}

/** One registry for every tracker: a registry per exporter made each `fromPython` cost a collector object. */
const finalizer = new FinalizationRegistry<Collectable>(({ tracker, held }) => tracker.collected(held));

/** Counts live exports of one exporter and gives back the collected ones. */
export class ExportTracker<Held> {
  #count = 0;
  readonly #giveBack: (held: Held) => void;

  /** `giveBack(held)` gives back the export `held` names (a `Py_buffer` address, a `PyBuffer`); it runs once per export. */
  constructor(giveBack: (held: Held) => void) {
    this.#giveBack = giveBack;
  }

  /** Live exports: taken, and neither released nor collected. */
  get count(): number {
    return this.#count;
  }

  /** A token that gives `held` back once. */
  track(held: Held): ExportToken {
    const token = new Token(this, held);
    this.#count++;
    finalizer.register(token, { tracker: this as ExportTracker<unknown>, held }, token);
    return token;
  }

  /** Whether `internal` is one of this tracker's tokens (never throws, whatever it is). */
  owns(internal: unknown): internal is ExportToken {
    return Token.isOf(internal, this);
  }

  /** A token's release: no collection will follow. */
  released(token: object, held: Held): void {
    finalizer.unregister(token);
    this.#count--;
    this.#giveBack(held);
  }

  /** A token was collected unreleased (the registry's callback). */
  collected(held: Held): void {
    this.#count--;
    this.#giveBack(held);
  }
}

class Token<Held> implements ExportToken {
  readonly #tracker: ExportTracker<Held>;
  #held: Held | undefined;
  #live = true;

  constructor(tracker: ExportTracker<Held>, held: Held) {
    this.#tracker = tracker;
    this.#held = held;
  }

  /** `#field in value` is a brand check that runs no Proxy trap. */
  static isOf(value: unknown, tracker: object): boolean {
    return typeof value === "object" && value !== null && #tracker in value && (value as Token<unknown>).#tracker === tracker;
  }

  release(): void {
    if (!this.#live) return;
    this.#live = false;
    const held = this.#held as Held;
    this.#held = undefined;
    this.#tracker.released(this, held);
  }
}
