/**
 * The interleaving: every column of a row is prepared (warmed up and
 * calibrated), then sampled in rounds, one sample of each column a round
 * (A B C A B C ...), in an order that changes from round to round (see
 * {@link roundOrder}). A ratio is
 * taken within each round, between samples a few tens of milliseconds
 * apart, and the row reports the median of those per-round ratios with
 * their spread: a machine whose speed drifts by 3x over minutes moves
 * both sides of each ratio together.
 *
 * @module
 */

import { performance } from "node:perf_hooks";
import { quartiles } from "./measure.mjs";

/**
 * A column ready to be sampled.
 *
 * @typedef {object} PreparedColumn
 * @property {string} key
 * @property {number} inner                calls per sample
 * @property {() => Promise<number> | number} sample  one sample: ms per call
 */

/**
 * What the rounds measured.
 *
 * @typedef {object} RoundsResult
 * @property {Map<string, number[]>} samples  per column, ms per call, in round order
 * @property {Map<string, string>} failures   columns whose sample threw, and why (sampled no more)
 * @property {number} rounds
 */

/**
 * The order of round `round`: the columns rotated by one place every two
 * rounds, each rotation once forward and once reversed. A plain rotation
 * (A B C, B C A, C A B) puts every column after the same neighbour in
 * every round but the first, so whatever one sample leaves to the next
 * (the collector's debt of its garbage, a worker just woken on the other
 * core) always lands on the same column: with columns ours, floor and
 * CPython, ours always followed CPython's sample, and allocation-bound rows
 * came out 1.1-2.3x their floor with the CPython column and 0.75-1.05x
 * without it. Forward and reversed, each column follows each neighbour
 * equally often (with three columns, every other column).
 *
 * @template T
 * @param {readonly T[]} columns
 * @param {number} round
 * @returns {T[]}
 */
export function roundOrder(columns, round) {
  const n = columns.length;
  const shift = Math.floor(round / 2) % n;
  const order = [...columns.slice(shift), ...columns.slice(0, shift)];
  return round % 2 === 0 ? order : order.reverse();
}

/**
 * @param {readonly PreparedColumn[]} columns
 * @param {import("./measure.mjs").MeasureOptions} options
 * @returns {Promise<RoundsResult>}
 */
export async function runRounds(columns, options) {
  /** @type {Map<string, number[]>} */
  const samples = new Map(columns.map((c) => [c.key, []]));
  /** @type {Map<string, string>} */
  const failures = new Map();
  const started = performance.now();
  let rounds = 0;
  while (rounds < options.maxRounds && failures.size < columns.length) {
    for (const column of roundOrder(columns, rounds)) {
      if (failures.has(column.key)) continue;
      try {
        /** @type {number[]} */ (samples.get(column.key)).push(await column.sample());
      } catch (error) {
        failures.set(column.key, error instanceof Error ? error.message : String(error));
      }
    }
    rounds++;
    if (rounds >= options.minRounds && performance.now() - started >= options.budgetMs) break;
  }
  return { samples, failures, rounds };
}

/**
 * The ratio of `ours` to `other` in each round, summarized.
 *
 * @param {readonly number[]} ours
 * @param {readonly number[]} other  the same rounds
 * @returns {{ median: number, q1: number, q3: number, min: number, max: number, rounds: number } | null}
 */
export function roundRatios(ours, other) {
  const ratios = [];
  for (let r = 0; r < Math.min(ours.length, other.length); r++) {
    const theirs = /** @type {number} */ (other[r]);
    if (theirs > 0) ratios.push(/** @type {number} */ (ours[r]) / theirs);
  }
  return ratios.length === 0 ? null : { ...quartiles(ratios), rounds: ratios.length };
}
