/**
 * Replaying one property from a failure's seed and path, or from its
 * counterexample literal.
 *
 * @module
 */

import type { CaseSpec } from "../model/case.ts";
import { caseProblem } from "../model/case-problems.ts";
import { PROFILES } from "../model/arbitraries.ts";
import { closest } from "../internal/closest.ts";
import { PROPERTIES, propertyById } from "../properties/catalog.ts";
import type { PropertyResult } from "../report/types.ts";
import type { AdapterTarget } from "./load.ts";
import { ConfigurationError } from "./errors.ts";
import { loadTarget } from "./plan.ts";
import { runOptionsProblem } from "./run-options.ts";
import { currentDirectory } from "./runtime.ts";
import { runProperty } from "./run-property.ts";
import { decide } from "./verdict.ts";

/**
 * What to replay.
 *
 * @since 0.1.0
 */
export interface ReplayOptions {
  /**
   * The run seed the failure printed (needed unless `case` is given).
   *
   * @since 0.1.0
   */
  readonly seed?: number;
  /**
   * fast-check's path to the counterexample.
   *
   * @since 0.1.0
   */
  readonly path?: string;
  /**
   * The counterexample literal (runs that case alone).
   *
   * @since 0.1.0
   */
  readonly case?: CaseSpec;
  /**
   * The adapter's name, when the target has several.
   *
   * @since 0.1.0
   */
  readonly adapter?: string;
  /** @since 0.1.0 */
  readonly profile?: "quick" | "full";
  /** @since 0.1.0 */
  readonly numRuns?: number;
  /** @since 0.1.0 */
  readonly timeoutMs?: number;
  /** @since 0.1.0 */
  readonly cwd?: string;
}

/**
 * Runs one property again, in this thread, exactly as the failing run did
 * (same seed, same property seed), stopping at the first failure without
 * shrinking when a path is given. No baseline applies.
 *
 * @example
 * ```ts
 * import { replay } from "@pybuffer/conformance";
 * import adapter from "./conformance.adapter.js";
 * // A run with seed 42 reports Matrix's refusal message as not CPython's (a MAY rule), at this path.
 * const result = await replay(adapter, "getbuf.cpython-messages", { seed: 42, path: "0:0:0:0:0:0:0:0:0:0:0:0:0" });
 * result.status; // "fail"
 * ```
 *
 * @since 0.1.0
 */
export async function replay(target: AdapterTarget, propertyId: string, options: ReplayOptions): Promise<PropertyResult> {
  const property = propertyById(propertyId);
  if (property === undefined) {
    const hint = closest(propertyId, PROPERTIES.map((p) => p.id));
    throw new ConfigurationError(`no property '${propertyId}'${hint ? ` (did you mean '${hint}'?)` : ""}; run \`pybuffer-conformance list\``);
  }
  const problem = runOptionsProblem({ seed: options.seed, profile: options.profile, numRuns: options.numRuns, timeoutMs: options.timeoutMs });
  if (problem !== null) throw new ConfigurationError(problem);
  const loaded = await loadTarget(target, options.cwd ?? currentDirectory());
  const candidates = options.adapter === undefined ? loaded : loaded.filter((a) => a.validated.name === options.adapter);
  if (candidates.length !== 1) {
    throw new ConfigurationError(
      candidates.length === 0
        ? `no adapter named '${options.adapter}' (adapters: ${loaded.map((a) => a.validated.name).join(", ")})`
        : `the target has ${candidates.length} adapters; name one with --adapter (${candidates.map((a) => a.validated.name).join(", ")})`,
    );
  }
  const validated = candidates[0]!.validated;
  if (options.case === undefined && options.seed === undefined) throw new ConfigurationError("replay needs --seed (with --path) or --case");
  if (options.case !== undefined) {
    const problem = caseProblem(options.case, validated.capabilities, property.view, validated.sample !== undefined);
    if (problem !== null) throw new ConfigurationError(`the case does not fit ${propertyId} on ${validated.name}: ${problem}`);
  }
  const profile = PROFILES[options.profile ?? "quick"];
  await validated.adapter.setup?.();
  try {
    const raw = runProperty(validated, property, {
      seed: options.seed ?? 0,
      profile,
      numRuns: options.numRuns ?? profile.numRuns,
      timeoutMs: options.timeoutMs ?? 30_000,
      ...(options.path !== undefined ? { path: options.path } : {}),
      ...(options.case !== undefined ? { case: options.case } : {}),
    });
    return decide(validated.name, property, raw, { checks: [] });
  } finally {
    await validated.adapter.teardown?.();
  }
}
