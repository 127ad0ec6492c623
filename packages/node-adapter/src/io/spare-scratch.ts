/**
 * One scratch buffer lent from call to call of the synchronous functions,
 * so that a strided write or read does not allocate its copy or staging
 * buffer every time. A
 * new buffer costs more than its size suggests: V8 zero-fills it, and the
 * first system call that reads it faults its pages in (writing 8 KB from a
 * fresh array took 2x as long as from a used one). CPython's
 * `BufferedWriter` keeps its buffer for the same reason (Modules/_io/bufferedio.c).
 *
 * A buffer is lent to one call at a time: a call made while it is out (from
 * an `onProgress` callback, a file system's `writeSync`, or while an
 * asynchronous write or read holds it across its awaits) gets a fresh one. The spare is held weakly, so a process that stops writing gets its
 * memory back at the next collection.
 *
 * @module
 */

/** The largest buffer kept between calls: the default chunk (chunk-plan.ts), so default writes always reuse it. */
const LARGEST_KEPT = 1 << 20;

let spare: WeakRef<Uint8Array> | undefined;
let lent = false;

/**
 * A buffer of at least `length` bytes, old contents and all; give it back
 * with {@link returnScratch} once the call is done with it.
 */
export function borrowScratch(length: number): Uint8Array {
  if (!lent) {
    const kept = spare?.deref();
    if (kept !== undefined && kept.length >= length) {
      lent = true;
      return kept;
    }
  }
  return new Uint8Array(length);
}

/** Takes back a buffer from {@link borrowScratch}; a buffer too large to keep is dropped. */
export function returnScratch(scratch: Uint8Array): void {
  const kept = spare?.deref();
  if (scratch === kept) {
    lent = false;
    return;
  }
  if (lent || scratch.length > LARGEST_KEPT || (kept !== undefined && kept.length >= scratch.length)) return;
  spare = new WeakRef(scratch);
}

/**
 * The scratch buffer of one operation, synchronous or not: borrowed on
 * first use (a contiguous write or read never needs one) and given back by
 * {@link ScratchLoan.end} when the operation ends, however it ends.
 */
export class ScratchLoan {
  readonly #length: number;
  #scratch: Uint8Array | undefined;

  /** A loan of a buffer of at least `length` bytes. */
  constructor(length: number) {
    this.#length = length;
  }

  /** The buffer, borrowed on the first call. */
  readonly get = (): Uint8Array => (this.#scratch ??= borrowScratch(this.#length));

  /** Gives the buffer back (once); call it in a `finally`. */
  end(): void {
    if (this.#scratch === undefined) return;
    returnScratch(this.#scratch);
    this.#scratch = undefined;
  }
}
