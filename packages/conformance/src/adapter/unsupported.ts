/**
 * The answer of a factory that declines one description: the manifest says
 * what an exporter can build in general, and `create` may still find one
 * description it cannot (an extent its format cannot pad, a size its
 * allocator refuses). Such a case is counted and reported as not
 * applicable with the reason, never as an error or a failure.
 *
 * @module
 */

const UNSUPPORTED = Symbol.for("pybuffer.conformance.unsupported");

/**
 * What {@link unsupported} returns.
 *
 * @since 0.1.0
 */
export interface Unsupported {
  /** @since 0.1.0 */
  readonly [UNSUPPORTED]: true;
  /** @since 0.1.0 */
  readonly reason: string;
}

/**
 * Declines one description from `create`, with the reason the report shows.
 * The marker is a registered symbol, so an adapter may also build it
 * without importing this package: `{ [Symbol.for("pybuffer.conformance.unsupported")]: true, reason }`.
 *
 * @example
 * ```ts
 * import { unsupported, type ConformanceAdapter } from "@pybuffer/conformance";
 * import matrixAdapter from "./conformance.adapter.js";
 * const adapter: ConformanceAdapter = {
 *   ...matrixAdapter,
 *   create: (d) => (d.shape.includes(0) ? unsupported("no empty matrices") : matrixAdapter.create(d)),
 * };
 * unsupported("no empty matrices").reason; // "no empty matrices"
 * ```
 *
 * @since 0.1.0
 */
export function unsupported(reason: string): Unsupported {
  return Object.freeze({ [UNSUPPORTED]: true as const, reason: String(reason) });
}

/** The reason when `value` is an {@link unsupported} answer, else `undefined`. */
export function unsupportedReason(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || (value as Record<symbol, unknown>)[UNSUPPORTED] !== true) return undefined;
  const reason = (value as { reason?: unknown }).reason;
  return typeof reason === "string" && reason.trim() !== "" ? reason : "no reason given";
}
