/**
 * Timing of the in-process columns (ours and the floor): warm-up, a
 * calibrated inner loop, repeated samples, the median. The Python columns
 * use the same procedure, written again in ../python/runner.py.
 *
 * @module
 */

import { performance } from "node:perf_hooks";

/**
 * How hard to measure one cell (one implementation of one case at one size).
 *
 * @typedef {object} MeasureOptions
 * @property {number} warmupMs     run the function at least this long before sampling (at least once)
 * @property {number} minSampleMs  repeat the call inside one sample until the sample lasts this long
 * @property {number} minSamples   take at least this many samples
 * @property {number} maxSamples   and at most this many
 * @property {number} budgetMs     stop sampling after this long once minSamples are taken
 * @property {number} maxCallMs    skip the cell when one call is predicted to take longer than this
 */

/**
 * A measured cell: per-call times in milliseconds.
 *
 * @typedef {object} Measurement
 * @property {"ok"} status
 * @property {number} medianMs  the median of the samples (what the table shows)
 * @property {number} minMs
 * @property {number} maxMs
 * @property {number} samples   how many samples
 * @property {number} inner     calls per sample
 */

/** A place results go, so that no call is optimised away. */
export const sink = { value: /** @type {unknown} */ (undefined) };

/**
 * Times `fn(state)`.
 *
 * @template S
 * @param {(state: S) => unknown} fn
 * @param {S} state
 * @param {MeasureOptions} options
 * @returns {Measurement}
 */
export function measure(fn, state, options) {
  // Warm-up: the first call alone for slow functions (the JIT has seen the
  // smaller sizes already), repeated calls for fast ones.
  let calls = 0;
  const warmStart = performance.now();
  let elapsed = 0;
  do {
    sink.value = fn(state);
    calls++;
    elapsed = performance.now() - warmStart;
  } while (elapsed < options.warmupMs);
  const estimate = elapsed / calls;
  const inner = options.minSampleMs > 0 ? Math.max(1, Math.ceil(options.minSampleMs / Math.max(estimate, 1e-6))) : 1;

  /** @type {number[]} */
  const times = [];
  const sampleStart = performance.now();
  while (times.length < options.maxSamples) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) sink.value = fn(state);
    times.push((performance.now() - t0) / inner);
    if (times.length >= options.minSamples && performance.now() - sampleStart >= options.budgetMs) break;
  }
  return summarize(times, inner);
}

/**
 * @param {number[]} times per-call times of the samples
 * @param {number} inner
 * @returns {Measurement}
 */
export function summarize(times, inner) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    status: "ok",
    medianMs: median(sorted),
    minMs: sorted[0] ?? NaN,
    maxMs: sorted[sorted.length - 1] ?? NaN,
    samples: sorted.length,
    inner,
  };
}

/**
 * @param {readonly number[]} sorted ascending
 * @returns {number}
 */
export function median(sorted) {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? /** @type {number} */ (sorted[mid]) : (/** @type {number} */ (sorted[mid - 1]) + /** @type {number} */ (sorted[mid])) / 2;
}

/**
 * The per-call time to expect at `size`, from the measurement at the
 * previous size (linear in size; never less than what was measured).
 *
 * @param {{ size: number, medianMs: number } | undefined} previous
 * @param {number} size
 * @returns {number}
 */
export function predictMs(previous, size) {
  if (previous === undefined) return 0;
  return previous.medianMs * Math.max(1, size / previous.size);
}
