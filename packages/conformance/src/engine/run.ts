/**
 * The engine: plans which properties run for each adapter (filters, levels,
 * capabilities, baseline), runs them in process or in a worker with a
 * deadline, applies the baseline, and builds the versioned report. The CLI,
 * `runConformance` and `describeConformance` all go through it.
 *
 * @module
 */

import { manifestChanged, validateAdapter, type ValidatedAdapter } from "../adapter/validate.ts";
import type { ConformanceAdapter } from "../adapter/types.ts";
import { PROFILES, type Profile } from "../model/arbitraries.ts";
import { PROPERTIES } from "../properties/catalog.ts";
import type { Level, PropertyDefinition } from "../properties/definition.ts";
import { clearEvaluations } from "../properties/context.ts";
import { closest } from "../internal/closest.ts";
import { REPORT_VERSION, type AdapterReport, type ConformanceReport, type PropertyResult } from "../report/types.ts";
import { CONTRACT_VERSION, IMPLEMENTS, SUITE_NAME, SUITE_VERSION } from "../version.ts";
import { ConfigurationError } from "./errors.ts";
import { runOptionsProblem } from "./run-options.ts";
import { EMPTY_BASELINE, entryCheck, parseBaseline, planFor, validateBaseline, type Baseline, type BaselinePlan } from "./baseline.ts";
import type { StuckAt } from "./trace-memory.ts";
import { requestName } from "../properties/requests.ts";
import type { AdapterTarget } from "./load.ts";
import { currentDirectory, environment, nodeReadText, noFiles, runtimeFacts, type ReadText } from "./runtime.ts";
import { examplesFor, parseRegressions, type RegressionFile } from "./regressions.ts";
import { runProperty, type PropertyRunOptions, type RawResult } from "./run-property.ts";
import { resolveSeed } from "./seed.ts";
import { decide, staleEntries, summarize } from "./verdict.ts";

/** Options of {@link runConformance}. */
export interface RunOptions {
  /** The run seed; default `CONFORMANCE_SEED`, else random. Printed first and written to the report. */
  readonly seed?: number;
  /** `quick` (default) or `full`: case counts and size limits. */
  readonly profile?: "quick" | "full";
  /** Cases per property (overrides the profile). */
  readonly numRuns?: number;
  /** Budget per property in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /**
   * Budget of the whole run in milliseconds (default 600 000, inside a
   * 15-minute CI job): properties not started when it runs out are skipped
   * (kind `budget`) and the run cannot pass; reports are still written.
   */
  readonly maxDurationMs?: number;
  /** Only properties whose id matches one of these globs (`*` matches anything). */
  readonly properties?: readonly string[];
  /** Only adapters whose name matches one of these globs. */
  readonly adapters?: readonly string[];
  /** The lowest requirement level to run: `MAY` (default, everything), `SHOULD`, or `MUST`. */
  readonly level?: Level;
  /** A baseline object, or the path of a baseline file. */
  readonly baseline?: Baseline | string;
  /** The path of a regression file: its cases run first. */
  readonly regressions?: string;
  /**
   * `worker` runs each adapter in a worker thread with a hard deadline per
   * property (adapter modules only; the default for them); `none` runs in
   * this thread (the default for adapter objects), where a synchronous
   * infinite loop cannot be interrupted.
   */
  readonly isolation?: "worker" | "none";
  /** Progress events, for live reporting. */
  readonly onEvent?: (event: RunEvent) => void;
  /** Working directory for relative paths (default `process.cwd()`). */
  readonly cwd?: string;
  /** Environment for `CONFORMANCE_SEED` (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Progress of a run. */
export type RunEvent =
  | { readonly type: "run-start"; readonly seed: number; readonly profile: Profile; readonly numRuns: number; readonly timeoutMs: number; readonly isolation: "worker" | "none"; readonly adapters: readonly string[] }
  | { readonly type: "adapter-start"; readonly adapter: string; readonly index: number; readonly count: number; readonly properties: number }
  | { readonly type: "property-end"; readonly adapter: string; readonly result: PropertyResult; readonly done: number; readonly total: number }
  | { readonly type: "adapter-end"; readonly adapter: AdapterReport }
  | { readonly type: "warning"; readonly message: string };

export { ConfigurationError };

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

/**
 * Runs the suite on one adapter, or several: adapter objects, or the paths
 * of adapter modules (whose default export is an adapter or an array of
 * them). Resolves to the report; never rejects for what an adapter or an
 * exporter does, only for unusable inputs ({@link ConfigurationError},
 * `AdapterDefinitionError`, `BaselineError`, `AdapterModuleError`).
 *
 * @example
 * ```ts
 * import { runConformance } from "@pybuffer/conformance";
 * import adapter from "./conformance.adapter.js";
 * const report = await runConformance(adapter, { seed: 42 });
 * report.verdict; // "pass"
 * ```
 */
export async function runConformance(target: AdapterTarget, options: RunOptions = {}): Promise<ConformanceReport> {
  const cwd = options.cwd ?? currentDirectory();
  const all = await loadTarget(target, cwd);
  const pick = globMatcher(options.adapters ?? []);
  const loaded = all.filter((a) => pick(a.validated.name));
  if (loaded.length === 0) throw new ConfigurationError(all.length === 0 ? "no adapters to run" : `no adapter matches ${options.adapters!.join(", ")}`);
  const namesFiles = typeof options.baseline === "string" || options.regressions !== undefined;
  const settings = resolveSettings(options, all.map((a) => a.validated.name), namesFiles ? await nodeReadText() : noFiles);
  const isolation = options.isolation ?? (loaded.every((a) => a.module !== undefined) ? "worker" : "none");
  if (isolation === "worker" && loaded.some((a) => a.module === undefined)) {
    throw new ConfigurationError("worker isolation needs adapter modules (file paths); adapter objects run with isolation: \"none\"");
  }
  return execute(loaded, settings, isolation, options.onEvent ?? (() => {}));
}

/** Runs loaded adapters with resolved settings. */
export async function execute(
  loaded: readonly LoadedAdapter[],
  settings: RunSettings,
  isolation: "worker" | "none",
  emit: (event: RunEvent) => void,
): Promise<ConformanceReport> {
  const startedAt = new Date();
  const started = performance.now();
  emit({
    type: "run-start",
    seed: settings.seed,
    profile: settings.profile,
    numRuns: settings.numRuns,
    timeoutMs: settings.timeoutMs,
    isolation,
    adapters: loaded.map((a) => a.validated.name),
  });
  const reports: AdapterReport[] = [];
  const budget = runBudget(started, settings.maxDurationMs);
  for (const [index, item] of loaded.entries()) {
    reports.push(await runAdapter(item, settings, isolation, emit, index, loaded.length, budget));
  }
  const stale = staleEntries(settings.baseline, reports);
  const { summary, verdict } = summarize(reports, stale);
  return {
    reportVersion: REPORT_VERSION,
    suite: { name: SUITE_NAME, version: SUITE_VERSION, contract: CONTRACT_VERSION, implements: IMPLEMENTS },
    run: {
      seed: settings.seed,
      profile: settings.profile.name,
      numRuns: settings.numRuns,
      timeoutMs: settings.timeoutMs,
      maxDurationMs: settings.maxDurationMs,
      isolation,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      ...runtimeFacts(),
      baseline: settings.baselinePath,
      regressions: settings.regressionsPath,
      filters: { properties: settings.properties, adapters: settings.adapters, level: settings.level },
    },
    verdict,
    summary,
    staleEntries: stale,
    adapters: reports,
  };
}

async function runAdapter(
  item: LoadedAdapter,
  settings: RunSettings,
  isolation: "worker" | "none",
  emit: (event: RunEvent) => void,
  index: number,
  count: number,
  budget: RunBudget,
): Promise<AdapterReport> {
  const { validated } = item;
  const started = performance.now();
  const planned = planAdapter(validated, settings);
  const toRun = planned.filter((p) => p.skip === undefined).length;
  emit({ type: "adapter-start", adapter: validated.name, index, count, properties: toRun });
  const errors: string[] = [];
  const results: PropertyResult[] = [];
  let done = 0;
  let unstarted = 0;
  /** The property's own budget, cut to what is left of the run's; undefined when nothing is left. */
  const propertyBudget = (): number | undefined => {
    const left = budget.leftMs();
    return left <= 0 ? undefined : Math.min(settings.timeoutMs, left);
  };
  const outOfBudget = (p: PlannedProperty): void => {
    unstarted++;
    record(p, {
      outcome: "skipped",
      skip: { kind: "budget", reason: `the run's budget of ${settings.maxDurationMs / 1000} s ran out before it started` },
      durationMs: 0,
      cases: 0,
      notApplicable: {},
      mutedHits: {},
    });
  };
  const record = (p: PlannedProperty, raw: RawResult): void => {
    const result = decide(validated.name, p.property, raw, p.plan);
    results.push(result);
    if (p.skip === undefined) done++;
    emit({ type: "property-end", adapter: validated.name, result, done, total: toRun });
  };

  if (isolation === "none") {
    let ready = true;
    try {
      await validated.adapter.setup?.();
    } catch (error) {
      ready = false;
      errors.push(`adapter.setup threw: ${String((error as Error)?.message ?? error)}`);
    }
    for (const p of planned) {
      if (p.skip !== undefined) {
        record(p, p.skip);
        continue;
      }
      const timeoutMs = propertyBudget();
      if (timeoutMs === undefined) outOfBudget(p);
      else if (!ready) record(p, errored(`adapter.setup threw; nothing ran`));
      else record(p, runProperty(validated, p.property, { ...p.options, timeoutMs }));
    }
    try {
      await validated.adapter.teardown?.();
    } catch (error) {
      errors.push(`adapter.teardown threw: ${String((error as Error)?.message ?? error)}`);
    }
    if (manifestChanged(validated)) errors.push("the capability manifest changed during the run; declare it once, as a constant");
  } else {
    const { IsolatedAdapter } = await import("./isolation.ts");
    const worker = new IsolatedAdapter(item.module!, validated.name);
    let fatal: string | undefined;
    try {
      await worker.start();
    } catch (error) {
      fatal = `the adapter could not start in its worker: ${(error as Error).message}`;
      errors.push(fatal);
    }
    let changed = false;
    // A request that never returned is not asked again: every later property would hang on it in turn.
    const hung = new Map<number, string>();
    for (const p of planned) {
      if (p.skip !== undefined) {
        record(p, p.skip);
        continue;
      }
      const timeoutMs = propertyBudget();
      if (timeoutMs === undefined) {
        outOfBudget(p);
        continue;
      }
      if (fatal !== undefined) {
        record(p, errored(fatal));
        continue;
      }
      const deadline = Math.min(timeoutMs + Math.max(2_000, timeoutMs / 4), budget.leftMs());
      let outcome;
      try {
        outcome = await worker.run(p.property.id, { ...p.options, timeoutMs, hungRequests: [...hung] }, deadline);
      } catch (error) {
        fatal = `the adapter's worker could not restart: ${(error as Error).message}`;
        errors.push(fatal);
        record(p, errored(fatal));
        continue;
      }
      if (outcome.kind === "result") {
        changed ||= outcome.manifestChanged;
        record(p, outcome.raw);
      } else if (outcome.kind === "timeout") {
        const stuck = outcome.stuckAt;
        const isRequest = (stuck.activity === "request" || stuck.activity === "memoryview") && stuck.flags >= 0;
        if (isRequest) hung.set(stuck.flags, p.property.id);
        record(p, {
          outcome: "timeout",
          failure: {
            check: "timeout",
            message: hangMessage(stuck, deadline, timeoutMs, budget.leftMs() <= 0),
            counterexample: stuck.case,
            path: null,
            seed: settings.seed,
            propertySeed: 0,
            numRuns: 0,
            numShrinks: 0,
            ...(isRequest ? { request: stuck.flags } : {}),
          },
          durationMs: outcome.elapsedMs,
          cases: 0,
          notApplicable: {},
          mutedHits: {},
        });
      } else {
        record(p, errored(outcome.message));
      }
    }
    const teardown = await worker.close();
    if (teardown !== undefined) errors.push(teardown);
    if (changed) errors.push("the capability manifest changed during the run; declare it once, as a constant");
  }
  if (unstarted > 0) errors.push(`the run's budget of ${settings.maxDurationMs / 1000} s ran out: ${unstarted} propert${unstarted === 1 ? "y" : "ies"} did not run (raise --max-duration, or lower --num-runs or --timeout)`);
  clearEvaluations(validated);
  const report: AdapterReport = {
    name: validated.name,
    ...(validated.adapter.version !== undefined ? { version: validated.adapter.version } : {}),
    ...(validated.adapter.homepage !== undefined ? { homepage: validated.adapter.homepage } : {}),
    ...(validated.adapter.issues !== undefined ? { issues: validated.adapter.issues } : {}),
    ...(item.module !== undefined ? { module: item.module.href } : {}),
    capabilities: validated.capabilities,
    rawAccess: validated.adapter.getBuffer !== undefined ? "adapter getBuffer hook" : "exporter method",
    durationMs: Math.round(performance.now() - started),
    errors,
    results,
  };
  emit({ type: "adapter-end", adapter: report });
  return report;
}

/** What is left of the whole run's budget. */
interface RunBudget {
  leftMs(): number;
}

function runBudget(started: number, maxDurationMs: number): RunBudget {
  return { leftMs: () => started + maxDurationMs - performance.now() };
}

/** Names what a stopped worker was doing: the request that never returned, or the hook. */
function hangMessage(stuck: StuckAt, deadline: number, timeoutMs: number, runBudgetOver: boolean): string {
  const what =
    stuck.activity === "request"
      ? `request ${requestName(stuck.flags)} never returned`
      : stuck.activity === "memoryview"
        ? `memoryview(exporter) never returned from its request ${requestName(stuck.flags)}`
        : stuck.activity === "idle"
          ? "a case never returned"
          : `adapter.${stuck.activity} never returned`;
  const when = runBudgetOver ? "before the run's budget (--max-duration) ran out" : `within ${deadline} ms (property budget ${timeoutMs} ms)`;
  const next = stuck.activity === "request" || stuck.activity === "memoryview" ? "; later properties no longer ask that request" : "";
  return `${what} ${when}: a synchronous infinite loop? Its worker was stopped${next}`;
}

function errored(message: string): RawResult {
  return {
    outcome: "error",
    failure: { check: "adapter", message, counterexample: null, path: null, seed: 0, propertySeed: 0, numRuns: 0, numShrinks: 0 },
    durationMs: 0,
    cases: 0,
    notApplicable: {},
    mutedHits: {},
  };
}
