/**
 * Timing of one column at one size: a warm-up, then a calibrated inner loop
 * so that one sample lasts long enough to leave timer noise behind, then
 * samples taken one at a time when the interleaving (./rounds.mjs) asks.
 * The Python columns follow the same procedure, written again in
 * ../python/runner.py.
 *
 * @module
 */

import { performance } from "node:perf_hooks";

/**
 * How hard to measure a row (one case at one size, every column).
 *
 * @typedef {object} MeasureOptions
 * @property {number} warmupMs     run each column at least this long before sampling (at least once)
 * @property {number} minSampleMs  repeat the call inside one sample until the sample lasts this long
 * @property {number} minRounds    take at least this many rounds (one sample of every column each)
 * @property {number} maxRounds    and at most this many
 * @property {number} budgetMs     stop adding rounds after this long once minRounds are taken
 * @property {number} maxCallMs    leave a column out of a row when one call is predicted to take longer
 */

/** A place results go, so that no call is optimised away. */
export const sink = { value: /** @type {unknown} */ (undefined) };

/**
 * Warms `fn(state)` up and finds how many calls make one sample.
 *
 * @template S
 * @param {(state: S) => unknown} fn
 * @param {S} state
 * @param {Pick<MeasureOptions, "warmupMs" | "minSampleMs">} options
 * @returns {{ inner: number, estimateMs: number }}
 */
export function calibrate(fn, state, options) {
  // The first call alone for slow functions (the JIT has seen the smaller
  // sizes already), repeated calls for fast ones.
  let calls = 0;
  const warmStart = performance.now();
  let elapsed = 0;
  do {
    sink.value = fn(state);
    calls++;
    elapsed = performance.now() - warmStart;
  } while (elapsed < options.warmupMs);
  const estimateMs = elapsed / calls;
  const inner = options.minSampleMs > 0 ? Math.max(1, Math.ceil(options.minSampleMs / Math.max(estimateMs, 1e-6))) : 1;
  return { inner, estimateMs };
}

/**
 * One sample: `inner` calls; the time per call in ms.
 *
 * @template S
 * @param {(state: S) => unknown} fn
 * @param {S} state
 * @param {number} inner
 * @returns {number}
 */
export function sampleOnce(fn, state, inner) {
  const t0 = performance.now();
  for (let i = 0; i < inner; i++) sink.value = fn(state);
  return (performance.now() - t0) / inner;
}

/**
 * The middle of a sorted list, and its quartiles.
 *
 * @param {readonly number[]} values
 * @returns {{ median: number, q1: number, q3: number, min: number, max: number }}
 */
export function quartiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/**
 * Linear interpolation between the closest ranks (numpy's default).
 *
 * @param {readonly number[]} sorted ascending
 * @param {number} q between 0 and 1
 * @returns {number}
 */
export function quantile(sorted, q) {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const low = /** @type {number} */ (sorted[below]);
  return low + (/** @type {number} */ (sorted[above]) - low) * (position - below);
}

/**
 * The median of a list (any order).
 *
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  return quantile([...values].sort((a, b) => a - b), 0.5);
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
