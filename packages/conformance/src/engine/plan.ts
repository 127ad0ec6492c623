/**
 * Planning a run: the options resolved into settings (baseline and
 * regression files read, filters checked), the adapters of a target loaded
 * and validated, and for each adapter which properties run and how.
 * `runConformance`, the CLI and `describeConformance` all plan through it.
 *
 * @module
 */

import { validateAdapter, type ValidatedAdapter } from "../adapter/validate.ts";
import type { ConformanceAdapter } from "../adapter/types.ts";
import { PROFILES, type Profile } from "../model/arbitraries.ts";
import { PROPERTIES } from "../properties/catalog.ts";
import type { Level, PropertyDefinition } from "../properties/definition.ts";
import { closest } from "../internal/closest.ts";
import { ConfigurationError } from "./errors.ts";
import { runOptionsProblem, type RunOptions } from "./run-options.ts";
import { EMPTY_BASELINE, entryCheck, parseBaseline, planFor, validateBaseline, type Baseline, type BaselinePlan } from "./baseline.ts";
import type { AdapterTarget } from "./load.ts";
import { currentDirectory, environment, noFiles, type ReadText } from "./runtime.ts";
import { examplesFor, parseRegressions, type RegressionFile } from "./regressions.ts";
import type { PropertyRunOptions, RawResult } from "./run-property.ts";
import { resolveSeed } from "./seed.ts";

/** A loaded adapter, with where it came from. */
export interface LoadedAdapter {
  readonly validated: ValidatedAdapter;
  readonly module?: URL;
}

/** Resolved run settings. */
export interface RunSettings {
  readonly seed: number;
  readonly profile: Profile;
  readonly numRuns: number;
  readonly timeoutMs: number;
  readonly maxDurationMs: number;
  readonly level: Level;
  readonly properties: readonly string[];
  readonly adapters: readonly string[];
  readonly baseline: Baseline;
  readonly baselinePath: string | null;
  readonly regressions: RegressionFile | undefined;
  readonly regressionsPath: string | null;
}

/** The default whole-run budget: ten minutes, inside the 15-minute CI job the README recommends. */
export const DEFAULT_MAX_DURATION_MS = 600_000;

const LEVEL_RANK: Readonly<Record<Level, number>> = { MUST: 0, SHOULD: 1, MAY: 2 };

/** A glob of `*` wildcards as a matcher. */
export function globMatcher(globs: readonly string[]): (value: string) => boolean {
  if (globs.length === 0) return () => true;
  const patterns = globs.map((g) => new RegExp(`^${g.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`));
  return (value) => patterns.some((p) => p.test(value));
}

/** Loads and validates the adapters of a target. */
export async function loadTarget(target: AdapterTarget, cwd: string): Promise<LoadedAdapter[]> {
  const items: (ConformanceAdapter<any> | string | URL)[] = Array.isArray(target) ? [...(target as readonly (ConformanceAdapter<any> | string | URL)[])] : [target as ConformanceAdapter<any> | string | URL];
  const loaded: LoadedAdapter[] = [];
  for (const item of items) {
    if (typeof item === "string" || (typeof URL === "function" && item instanceof URL)) {
      // Adapter modules are files: Node.js only, loaded on demand so that browsers never import node:*.
      const { loadAdapterModule, moduleUrl } = await import("./load.ts");
      const url = moduleUrl(item, cwd);
      const values = await loadAdapterModule(url);
      values.forEach((value, i) => {
        loaded.push({ validated: validateAdapter(value, `${url.pathname}${values.length > 1 ? ` [${i}]` : ""}`), module: url });
      });
    } else {
      loaded.push({ validated: validateAdapter(item) });
    }
  }
  const names = new Set<string>();
  for (const { validated } of loaded) {
    if (names.has(validated.name)) throw new ConfigurationError(`two adapters are named '${validated.name}'; adapter names must be unique in a run`);
    names.add(validated.name);
  }
  return loaded;
}

/** Resolves options into settings (reads the baseline and regression files). */
export function resolveSettings(options: RunOptions, adapterNames: readonly string[], readText: ReadText = noFiles): RunSettings {
  const problem = runOptionsProblem(options as Readonly<Record<string, unknown>>);
  if (problem !== null) throw new ConfigurationError(problem);
  const cwd = options.cwd ?? currentDirectory();
  const profile = PROFILES[options.profile ?? "quick"];
  const numRuns = options.numRuns ?? profile.numRuns;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxDurationMs = options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
  const level = options.level ?? "MAY";
  unmatchedPattern("property", options.properties ?? [], PROPERTIES.map((p) => p.id));
  unmatchedPattern("adapter", options.adapters ?? [], adapterNames);
  const adapterFiltered = (options.adapters ?? []).length > 0;
  let baseline = EMPTY_BASELINE;
  let baselinePath: string | null = null;
  if (typeof options.baseline === "string") {
    baselinePath = options.baseline;
    let text: string;
    try {
      text = readText(cwd, options.baseline);
    } catch (error) {
      throw new ConfigurationError(`cannot read the baseline ${options.baseline}: ${(error as Error).message} (create one with \`pybuffer-conformance baseline --write\`)`);
    }
    baseline = parseBaseline(text, options.baseline, adapterFiltered ? undefined : adapterNames);
  } else if (options.baseline !== undefined) {
    baseline = validateBaseline(options.baseline, "baseline", adapterFiltered ? undefined : adapterNames);
  }
  let regressions: RegressionFile | undefined;
  if (options.regressions !== undefined) {
    let text: string | undefined;
    try {
      text = readText(cwd, options.regressions);
    } catch {
      text = undefined; // created on the first failure
    }
    if (text !== undefined) regressions = parseRegressions(text, options.regressions);
  }
  return {
    seed: resolveSeed(options.seed, options.env ?? environment()),
    profile,
    numRuns,
    timeoutMs,
    maxDurationMs,
    level,
    properties: options.properties ?? [],
    adapters: options.adapters ?? [],
    baseline,
    baselinePath,
    regressions,
    regressionsPath: options.regressions ?? null,
  };
}

/** A selection pattern that matches nothing is a typo, never an empty, passing run. */
function unmatchedPattern(kind: "property" | "adapter", globs: readonly string[], names: readonly string[]): void {
  for (const glob of globs) {
    const matches = globMatcher([glob]);
    if (names.some(matches)) continue;
    const hint = closest(glob, names);
    const known = kind === "property" ? "run `pybuffer-conformance list`" : `adapters: ${names.join(", ")}`;
    throw new ConfigurationError(`the ${kind} pattern ${JSON.stringify(glob)} matches no ${kind}${hint ? ` (did you mean '${hint}'?)` : ""}; ${known}`);
  }
}

/** One property in an adapter's plan: skipped before running, or to run with these options. */
export interface PlannedProperty {
  readonly property: PropertyDefinition;
  readonly plan: BaselinePlan;
  readonly skip?: RawResult;
  readonly options: PropertyRunOptions;
}

/** Decides, for each property, whether it runs and how. */
export function planAdapter(validated: ValidatedAdapter, settings: RunSettings): PlannedProperty[] {
  const wanted = globMatcher(settings.properties);
  return PROPERTIES.map((property) => {
    const plan = planFor(settings.baseline, validated.name, property.id);
    const options: PropertyRunOptions = {
      seed: settings.seed,
      profile: settings.profile,
      numRuns: settings.numRuns,
      timeoutMs: settings.timeoutMs,
      muted: plan.checks.map(entryCheck),
      examples: examplesFor(settings.regressions, validated.name, property.id),
    };
    const skipped = (kind: "capability" | "requirement" | "filter" | "baseline", reason: string): PlannedProperty => ({
      property,
      plan,
      options,
      skip: { outcome: "skipped", skip: { kind, reason }, durationMs: 0, cases: 0, notApplicable: {}, mutedHits: {} },
    });
    if (!wanted(property.id)) return skipped("filter", "not selected by the property filter");
    if (LEVEL_RANK[property.level] > LEVEL_RANK[settings.level]) return skipped("requirement", `${property.level} properties are not run at level ${settings.level}`);
    const capability = property.skipReason(validated.capabilities);
    if (capability !== null) return skipped("capability", capability);
    if (plan.skip) return skipped("baseline", `the baseline skips it: ${plan.skip.reason}`);
    return { property, plan, options };
  });
}
