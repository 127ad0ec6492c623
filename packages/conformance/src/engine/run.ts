/**
 * The engine: runs the planned properties of each adapter in process or in
 * a worker with a deadline, within the run's time budget, applies the
 * baseline, and builds the versioned report. The CLI, `runConformance` and
 * `describeConformance` all go through it; planning is in `plan.ts`.
 *
 * @module
 */

import { manifestChanged } from "../adapter/validate.ts";
import { clearEvaluations } from "../properties/group-evaluations.ts";
import { REPORT_VERSION, type AdapterReport, type ConformanceReport, type PropertyResult } from "../report/types.ts";
import { CONTRACT_VERSION, IMPLEMENTS, SUITE_NAME, SUITE_VERSION } from "../version.ts";
import { ConfigurationError } from "./errors.ts";
import type { RunEvent, RunOptions } from "./run-options.ts";
import type { StuckAt } from "./trace-memory.ts";
import { requestName } from "../properties/requests.ts";
import type { AdapterTarget } from "./load.ts";
import { currentDirectory, nodeReadText, noFiles, runtimeFacts } from "./runtime.ts";
import { globMatcher, loadTarget, planAdapter, resolveSettings, type LoadedAdapter, type PlannedProperty, type RunSettings } from "./plan.ts";
import { runProperty, type RawResult } from "./run-property.ts";
import { decide, staleEntries, summarize } from "./verdict.ts";

export { ConfigurationError };

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
 *
 * @since 0.1.0
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
