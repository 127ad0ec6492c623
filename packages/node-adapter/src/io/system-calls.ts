/**
 * The rules for talking to the system: what a read or write call may
 * return, which failures are retried (`EINTR` at once, as PEP 475 does;
 * `EAGAIN` after a pause, in the asynchronous functions only), and how long
 * to pause.
 *
 * @module
 */

import { setTimeout as sleep } from "node:timers/promises";
import { errorCode } from "./io-errors.ts";

/**
 * Checks what a read or write call returned: an integer from 0 (1 for a
 * write) to the bytes asked for. Anything else would make the count lie.
 */
export function checkedCount(count: unknown, requested: number, call: "write" | "read"): number {
  const least = call === "write" ? 1 : 0;
  if (!Number.isSafeInteger(count) || (count as number) < least || (count as number) > requested) {
    throw new Error(`the ${call} call returned ${String(count)} for a request of ${requested} bytes`);
  }
  return count as number;
}

/** An interrupted call, to be repeated at once. */
export function isInterrupted(error: unknown): boolean {
  return errorCode(error) === "EINTR";
}

/** A call on a non-blocking descriptor that would have blocked. */
export function wouldBlock(error: unknown): boolean {
  const code = errorCode(error);
  return code === "EAGAIN" || code === "EWOULDBLOCK";
}

/** Pauses between retries of a call that would block: 1 ms, doubling to at most 64 ms. */
export class Backoff {
  #delay = 0;

  /** Waits before the next attempt. */
  async pause(): Promise<void> {
    this.#delay = Math.min(Math.max(1, this.#delay * 2), 64);
    await sleep(this.#delay);
  }

  /** Progress was made: the next pause starts short again. */
  reset(): void {
    this.#delay = 0;
  }
}
