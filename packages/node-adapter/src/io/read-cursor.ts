/**
 * Where incoming bytes go in a writable buffer: its chunks in C order.
 * Bytes for a contiguous chunk are stored as they arrive (or read straight
 * into the memory, by a synchronous read); bytes for a strided chunk are
 * gathered in a staging area of one chunk and scattered into the items when
 * the chunk is full, or when the data ends part way through it.
 *
 * @module
 */

import { currentBlock, fromContiguous, getPointer, type AbiName, type BufferRecord } from "@pybuffer/core";
import { abiOptions } from "../internal/abi-options.ts";
import { assertMemoryReaches } from "../platform/memory-state.ts";
import { chunksOf, type Chunk } from "./chunk-plan.ts";
import { ReadError } from "./io-errors.ts";

/** A write position moving through a writable buffer, a chunk at a time. */
export class ReadCursor {
  readonly #record: BufferRecord;
  readonly #chunks: Iterator<Chunk>;
  readonly #abi: AbiName | undefined;
  #chunk: Chunk | undefined;
  /** Bytes of the current chunk received so far. */
  #filled = 0;
  #staging: Uint8Array | undefined;
  readonly #stagingSource: () => Uint8Array;
  #stored = 0;
  #received = 0;
  #windowIsDirect = false;

  /**
   * `staging` gives the staging area, at least `scratchLength(record,
   * chunkSize)` bytes, when one is first needed.
   */
  constructor(record: BufferRecord, chunkSize: number, abi: AbiName | undefined, staging: () => Uint8Array) {
    this.#record = record;
    this.#abi = abi;
    this.#stagingSource = staging;
    this.#chunks = chunksOf(record, chunkSize, abi);
    this.#advance();
  }

  /** Bytes the buffer holds in all. */
  get total(): number {
    return this.#record.len;
  }

  /** Bytes the buffer can still take. */
  get remaining(): number {
    return this.#record.len - this.#received;
  }

  /** Bytes taken from the source so far (stored, or staged for a strided chunk). */
  get received(): number {
    return this.#received;
  }

  /** Bytes stored in the buffer so far, in C order from its start. */
  get stored(): number {
    return this.#stored;
  }

  #advance(): void {
    const next = this.#chunks.next();
    this.#chunk = next.done === true ? undefined : next.value;
    this.#filled = 0;
  }

  #staged(): Uint8Array {
    return (this.#staging ??= this.#stagingSource());
  }

  /**
   * Where to put up to `max` next bytes (at most the rest of the current
   * chunk): the buffer's own memory when `direct` and the chunk is one run,
   * otherwise a staging area. Follow with {@link commit}.
   *
   * @throws BufferError when the buffer's memory is gone.
   */
  window(max: number, direct: boolean): Uint8Array {
    const chunk = this.#chunk!;
    const { record } = chunk;
    const length = Math.min(max, record.len - this.#filled);
    this.#windowIsDirect = direct && chunk.contiguous;
    if (this.#windowIsDirect) {
      const memory = currentBlock(record.memory); // a grown WebAssembly.Memory: same offsets, current buffer
      assertMemoryReaches(memory, record.buf + record.len, "the buffer");
      return new Uint8Array(memory, record.buf + this.#filled, length);
    }
    const staging = this.#staged();
    const start = chunk.contiguous ? 0 : this.#filled;
    return staging.subarray(start, start + length);
  }

  /**
   * Records that the first `count` bytes of the last {@link window} arrived.
   *
   * @throws BufferError when they cannot be stored because the memory is gone.
   */
  commit(count: number): void {
    if (count === 0) return;
    const chunk = this.#chunk!;
    if (chunk.contiguous && !this.#windowIsDirect) this.#storeRun(chunk.record, this.#staged().subarray(0, count));
    this.#took(chunk, count);
  }

  /**
   * Copies as much of `bytes` as fits into the buffer; returns how many were taken.
   *
   * @throws BufferError when the memory is gone.
   */
  put(bytes: Uint8Array): number {
    let taken = 0;
    while (taken < bytes.length && this.#chunk !== undefined) {
      const chunk = this.#chunk;
      const count = Math.min(bytes.length - taken, chunk.record.len - this.#filled);
      const part = bytes.subarray(taken, taken + count);
      if (chunk.contiguous) this.#storeRun(chunk.record, part);
      else this.#staged().set(part, this.#filled);
      this.#took(chunk, count);
      taken += count;
    }
    return taken;
  }

  /**
   * Stores the bytes of a strided chunk that ended part way (the data ran
   * out): whole items, then the first bytes of the next item.
   *
   * @throws BufferError when the memory is gone.
   */
  flush(): void {
    const chunk = this.#chunk;
    if (chunk === undefined || chunk.contiguous || this.#filled === 0) return;
    this.#scatter(chunk.record, this.#staged().subarray(0, this.#filled));
    this.#stored += this.#filled;
    this.#advance();
  }

  #took(chunk: Chunk, count: number): void {
    this.#filled += count;
    this.#received += count;
    if (chunk.contiguous) this.#stored += count;
    if (this.#filled < chunk.record.len) return;
    if (!chunk.contiguous) {
      this.#scatter(chunk.record, this.#staged().subarray(0, this.#filled));
      this.#stored += this.#filled;
    }
    this.#advance();
  }

  /** Stores `bytes` at the current position of a contiguous chunk. */
  #storeRun(record: BufferRecord, bytes: Uint8Array): void {
    const memory = currentBlock(record.memory);
    assertMemoryReaches(memory, record.buf + record.len, "the buffer");
    new Uint8Array(memory, record.buf + this.#filled, bytes.length).set(bytes);
  }

  /** Scatters C-order `bytes` into the first items of a strided chunk (a partial last item too). */
  #scatter(record: BufferRecord, bytes: Uint8Array): void {
    const options = abiOptions(this.#abi);
    fromContiguous(record, bytes, "C", options);
    const itemsize = record.itemsize;
    const whole = Math.floor(bytes.length / itemsize);
    const rest = bytes.length - whole * itemsize;
    if (rest === 0) return;
    const address = getPointer(record, unravel(whole, record.shape!), options);
    new Uint8Array(currentBlock(record.memory), address, rest).set(bytes.subarray(whole * itemsize));
  }
}

/**
 * The ReadError for `error`, met while doing `action`: first stores what
 * arrived (as far as the memory allows), then counts what was stored.
 */
export function readFailure(cursor: ReadCursor, action: string, error: unknown): ReadError {
  try {
    cursor.flush();
  } catch {
    // The memory is gone: what could not be stored is not counted.
  }
  return new ReadError(action, error, cursor.stored);
}

/** The C-order index of item number `position` in `shape`. */
function unravel(position: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let dim = shape.length - 1; dim >= 0; dim--) {
    index[dim] = position % shape[dim]!;
    position = Math.floor(position / shape[dim]!);
  }
  return index;
}
