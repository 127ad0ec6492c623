/**
 * Runs one property against one adapter with fast-check: the same function
 * behind the CLI, `runConformance` and `describeConformance`, so that the
 * three give the same verdict for the same seed.
 *
 * @module
 */

import * as fc from "fast-check";
import type { ValidatedAdapter } from "../adapter/validate.ts";
import { caseArbitrary, instanceCaseArbitrary, type Profile } from "../model/arbitraries.ts";
import type { CaseSpec } from "../model/case.ts";
import { caseProblem } from "../model/case-problems.ts";
import { PropertyContext } from "../properties/context.ts";
import { AdapterFault, CheckFailure } from "../properties/failures.ts";
import type { PropertyDefinition } from "../properties/definition.ts";
import { traceCase } from "../properties/trace.ts";
import { propertySeed } from "./seed.ts";

/**
 * The raw outcome of running a property, before any baseline is applied.
 *
 * @since 0.1.0
 */
export type Outcome = "pass" | "fail" | "error" | "timeout" | "skipped";

/**
 * Why a property did not run.
 *
 * @since 0.1.0
 */
export interface SkipInfo {
  /** @since 0.1.0 */
  readonly kind: "capability" | "requirement" | "filter" | "baseline" | "precondition" | "budget";
  /** @since 0.1.0 */
  readonly reason: string;
}

/**
 * What failed, with everything needed to reproduce it.
 *
 * @since 0.1.0
 */
export interface FailureInfo {
  /**
   * The check that failed (`<id>:<check>` names it in a baseline), or `exception`/`adapter`/`timeout`.
   *
   * @since 0.1.0
   */
  readonly check: string;
  /** @since 0.1.0 */
  readonly message: string;
  /**
   * The shrunk counterexample as a JSON literal (pass it to `replay --case`).
   *
   * @since 0.1.0
   */
  readonly counterexample: CaseSpec | null;
  /**
   * fast-check's path to the counterexample, for `replay --seed --path`.
   *
   * @since 0.1.0
   */
  readonly path: string | null;
  /**
   * The run seed (what `--seed` takes).
   *
   * @since 0.1.0
   */
  readonly seed: number;
  /**
   * The seed fast-check used for this property (derived from the run seed, the adapter and the id).
   *
   * @since 0.1.0
   */
  readonly propertySeed: number;
  /** @since 0.1.0 */
  readonly numRuns: number;
  /** @since 0.1.0 */
  readonly numShrinks: number;
  /**
   * Set when the counterexample came from the regression file.
   *
   * @since 0.1.0
   */
  readonly pinned?: boolean;
  /**
   * A timeout's request flags, when a request to the exporter never returned.
   *
   * @since 0.1.0
   */
  readonly request?: number;
  /** @since 0.1.0 */
  readonly stack?: string;
}

/** A property's raw result. */
export interface RawResult {
  readonly outcome: Outcome;
  readonly skip?: SkipInfo;
  readonly failure?: FailureInfo;
  readonly durationMs: number;
  /** Cases run (0 when skipped). */
  readonly cases: number;
  /** Cases that did not apply, by reason. */
  readonly notApplicable: Readonly<Record<string, number>>;
  /** How often each muted check (a per-check baseline entry) was violated. */
  readonly mutedHits: Readonly<Record<string, number>>;
}

/** How to run one property. */
export interface PropertyRunOptions {
  readonly seed: number;
  readonly profile: Profile;
  readonly numRuns: number;
  readonly timeoutMs: number;
  /** Check names muted by per-check baseline entries. */
  readonly muted?: readonly string[];
  /** Pinned counterexamples, run first. */
  readonly examples?: readonly CaseSpec[];
  /** Replay: fast-check's path to a counterexample. */
  readonly path?: string;
  /** Replay: one literal case, run alone. */
  readonly case?: CaseSpec;
  /** Requests that never returned earlier in the run, with the property they hung in: cases that need them do not apply. */
  readonly hungRequests?: readonly (readonly [flags: number, property: string])[];
}

/**
 * Runs `property` on `adapter`. Never throws for anything the adapter or the
 * exporter does; an adapter fault becomes `error`, an exhausted budget
 * `timeout`.
 */
export function runProperty(adapter: ValidatedAdapter, property: PropertyDefinition, options: PropertyRunOptions): RawResult {
  const started = performance.now();
  const ctx = new PropertyContext(adapter, property.base, property.view, new Set(options.muted ?? []));
  ctx.hung = new Map(options.hungRequests ?? []);
  const seed = propertySeed(options.seed, adapter.name, property.seedKey);
  const finish = (fields: Omit<RawResult, "durationMs" | "cases" | "notApplicable" | "mutedHits">): RawResult => ({
    ...fields,
    durationMs: Math.round(performance.now() - started),
    cases: ctx.cases,
    notApplicable: Object.fromEntries(ctx.notApplicable),
    mutedHits: Object.fromEntries(ctx.mutedHits),
  });

  if (options.case !== undefined) {
    const problem = caseProblem(options.case, adapter.capabilities, property.view, adapter.sample !== undefined);
    if (problem !== null) {
      return finish({
        outcome: "error",
        failure: failureInfo("case", `the --case literal does not fit this property and manifest: ${problem}`, null, null, options, seed, 0, 0),
      });
    }
    traceCase(options.case);
    try {
      ctx.runCase(() => property.body(ctx, options.case!));
    } catch (error) {
      return finish(fromError(error, options.case, null, options, seed, 1, 0));
    }
    return finish(vacuity(ctx) ?? { outcome: "pass" });
  }

  const instances = adapter.sample !== undefined;
  const examples = (options.examples ?? []).filter((e) => caseProblem(e, adapter.capabilities, property.view, instances) === null);
  const arbitrary: fc.Arbitrary<CaseSpec> = instances ? instanceCaseArbitrary(property.view) : caseArbitrary(adapter.capabilities, options.profile, property.view);
  const details = fc.check(
    fc.property(arbitrary, (spec) => {
      traceCase(spec);
      ctx.runCase(() => property.body(ctx, spec));
    }),
    {
      seed,
      numRuns: options.numRuns,
      examples: examples.map((e) => [e] as [CaseSpec]),
      interruptAfterTimeLimit: options.timeoutMs,
      markInterruptAsFailure: true,
      ...(options.path === undefined ? {} : { path: options.path, endOnFailure: true }),
    },
  );
  if (details.failed) {
    if (details.interrupted && details.counterexample === null) {
      return finish({
        outcome: "timeout",
        failure: failureInfo(
          "timeout",
          `the property used up its budget of ${options.timeoutMs} ms after ${details.numRuns} cases without finishing; raise --timeout or lower --num-runs`,
          null,
          null,
          options,
          seed,
          details.numRuns,
          details.numShrinks,
        ),
      });
    }
    const counterexample = details.counterexample?.[0] ?? null;
    const pinned = counterexample !== null && examples.includes(counterexample);
    // Examples come first in fast-check's stream: a path into a run with examples is shifted.
    const path = shiftPath(details.counterexamplePath, examples.length);
    const error = counterexample !== null && !(details.errorInstance instanceof CheckFailure) ? withStack(adapter, property, options, counterexample, details.errorInstance) : details.errorInstance;
    const result = fromError(error, counterexample, pinned ? null : path, options, seed, details.numRuns, details.numShrinks);
    return finish(pinned && result.failure ? { ...result, failure: { ...result.failure, pinned: true } } : result);
  }
  return finish(vacuity(ctx) ?? { outcome: "pass" });
}

/** A path of a run with `examples` leading examples, as a path of a run without them. */
function shiftPath(path: string | null, examples: number): string | null {
  if (path === null || examples === 0) return path;
  const [first, ...rest] = path.split(":");
  const index = Number(first) - examples;
  return index < 0 ? null : [String(index), ...rest].join(":");
}

/** Cases run without stack traces (they are costly); an unexpected error is re-run once to get its stack. */
function withStack(adapter: ValidatedAdapter, property: PropertyDefinition, options: PropertyRunOptions, spec: CaseSpec, fallback: unknown): unknown {
  const ctx = new PropertyContext(adapter, property.base, property.view, new Set(options.muted ?? []));
  ctx.stacks = true;
  try {
    ctx.runCase(() => property.body(ctx, spec));
  } catch (error) {
    return error;
  }
  return fallback;
}

/** A property whose every case did not apply is SKIPPED (precondition), never PASS. */
function vacuity(ctx: PropertyContext): Pick<RawResult, "outcome" | "skip"> | undefined {
  let notApplicable = 0;
  for (const n of ctx.notApplicable.values()) notApplicable += n;
  if (ctx.cases === 0 || notApplicable < ctx.cases) return undefined;
  const reasons = [...ctx.notApplicable.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${n}x ${reason}`)
    .join("; ");
  return { outcome: "skipped", skip: { kind: "precondition", reason: `none of the ${ctx.cases} generated cases applied: ${reasons}` } };
}

function fromError(
  error: unknown,
  counterexample: CaseSpec | null,
  path: string | null,
  options: PropertyRunOptions,
  seed: number,
  numRuns: number,
  numShrinks: number,
): Pick<RawResult, "outcome" | "failure"> {
  if (error instanceof CheckFailure) {
    return { outcome: "fail", failure: failureInfo(error.check, error.message, counterexample, path, options, seed, numRuns, numShrinks) };
  }
  if (error instanceof AdapterFault) {
    return { outcome: "error", failure: failureInfo("adapter", error.message, counterexample, path, options, seed, numRuns, numShrinks) };
  }
  const e = error as { name?: unknown; message?: unknown; stack?: unknown } | null;
  const text = e && typeof e === "object" ? `${String(e.name)}: ${String(e.message)}` : String(error);
  return {
    outcome: "fail",
    failure: {
      ...failureInfo("exception", `the exporter (or the consumer) threw where the protocol expects none: ${text}`, counterexample, path, options, seed, numRuns, numShrinks),
      ...(e && typeof e.stack === "string" ? { stack: e.stack } : {}),
    },
  };
}

function failureInfo(
  check: string,
  message: string,
  counterexample: CaseSpec | null,
  path: string | null,
  options: PropertyRunOptions,
  propertySeedValue: number,
  numRuns: number,
  numShrinks: number,
): FailureInfo {
  return { check, message, counterexample, path, seed: options.seed, propertySeed: propertySeedValue, numRuns, numShrinks };
}
