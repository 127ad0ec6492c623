/**
 * What one case of a property group found, cached per adapter so that the
 * group's members, which share their cases, evaluate each case once.
 *
 * @module
 */

import type { ValidatedAdapter } from "../adapter/validate.ts";
import { NotApplicable } from "./failures.ts";
import type { Problem } from "./examine.ts";

/**
 * What one case of a property group found: every member's problems, the
 * members the case does not apply to, or the reason the whole case is blocked.
 */
export interface GroupEvaluation {
  readonly problems: readonly Problem[];
  /** Base property id -> why the case does not apply to it. */
  readonly notApplicable: Readonly<Record<string, string>>;
  readonly blocked?: string;
}

/**
 * Group evaluations per adapter, keyed by group, view and case. Members of a
 * group share their cases (one seed per group), so each case is evaluated
 * once however many properties report on it.
 */
const evaluations = new WeakMap<ValidatedAdapter, Map<string, GroupEvaluation>>();

/** Forgets the cached evaluations of an adapter (between runs). */
export function clearEvaluations(adapter: ValidatedAdapter): void {
  evaluations.delete(adapter);
}

/**
 * The evaluation cached under `key` for the adapter, computed by `evaluate`
 * on a miss; a case that does not apply to the whole group is cached as blocked.
 */
export function cachedEvaluation(adapter: ValidatedAdapter, key: string, evaluate: () => GroupEvaluation): GroupEvaluation {
  let cache = evaluations.get(adapter);
  if (cache === undefined) {
    cache = new Map();
    evaluations.set(adapter, cache);
  }
  let evaluation = cache.get(key);
  if (evaluation === undefined) {
    try {
      evaluation = evaluate();
    } catch (error) {
      if (!(error instanceof NotApplicable)) throw error;
      evaluation = { problems: [], notApplicable: {}, blocked: error.reason };
    }
    cache.set(key, evaluation);
  }
  return evaluation;
}
