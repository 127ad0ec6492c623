/**
 * From raw results to statuses (the baseline rules), and from statuses to
 * the run's verdict.
 *
 * @module
 */

import type { PropertyDefinition } from "../properties/definition.ts";
import type { AdapterReport, PropertyResult, Summary } from "../report/types.ts";
import { STATUSES } from "../report/types.ts";
import { entryCheck, type Baseline, type BaselineEntry, type BaselinePlan } from "./baseline.ts";
import type { RawResult } from "./run-property.ts";

/** Applies the baseline rules to one raw result. */
export function decide(adapter: string, property: PropertyDefinition, raw: RawResult, plan: BaselinePlan): PropertyResult {
  const base = {
    adapter,
    id: property.id,
    base: property.base,
    view: property.view,
    group: property.group,
    level: property.level,
    judges: property.judges,
    rule: property.rule,
    specRefs: property.specRefs,
    outcome: raw.outcome,
    durationMs: raw.durationMs,
    cases: raw.cases,
    notApplicable: raw.notApplicable,
    mutedHits: raw.mutedHits,
    ...(raw.skip ? { skip: raw.skip } : {}),
    ...(raw.failure ? { failure: raw.failure } : {}),
  };
  const noted = (entry: BaselineEntry, note: string): NonNullable<PropertyResult["baseline"]> => ({
    entry: entry.id,
    reason: entry.reason,
    ...(entry.issue !== undefined ? { issue: entry.issue } : {}),
    note,
  });
  switch (raw.outcome) {
    case "skipped":
      return { ...base, status: "skipped", gating: false };
    case "fail":
    case "error":
    case "timeout": {
      if (plan.flaky) return { ...base, status: "flaky", gating: false, baseline: noted(plan.flaky, "failed; listed as flaky") };
      if (plan.expected) return { ...base, status: "expected-failure", gating: false, baseline: noted(plan.expected, "failed, as the baseline expects") };
      const gating = raw.outcome !== "fail" || property.level === "MUST";
      const muted = plan.checks.length > 0 ? { baseline: noted(plan.checks[0]!, `failed on a check the baseline does not list (listed: ${plan.checks.map(entryCheck).join(", ")})`) } : {};
      return { ...base, status: raw.outcome, gating, ...muted };
    }
    case "pass": {
      if (plan.checks.length > 0) {
        const unhit = plan.checks.filter((e) => !(raw.mutedHits[entryCheck(e)]! > 0));
        if (unhit.length > 0) {
          return {
            ...base,
            status: "unexpected-pass",
            gating: true,
            baseline: noted(unhit[0]!, `check${unhit.length > 1 ? "s" : ""} ${unhit.map(entryCheck).join(", ")} no longer fail${unhit.length > 1 ? "" : "s"}: remove the stale entr${unhit.length > 1 ? "ies" : "y"}`),
          };
        }
        return { ...base, status: "expected-failure", gating: false, baseline: noted(plan.checks[0]!, `only the listed checks failed (${plan.checks.map(entryCheck).join(", ")})`) };
      }
      if (plan.expected && plan.expected.id === property.id) {
        return { ...base, status: "unexpected-pass", gating: true, baseline: noted(plan.expected, "passed: the baseline entry is stale, remove it") };
      }
      if (plan.flaky) return { ...base, status: "pass", gating: false, baseline: noted(plan.flaky, "passed; listed as flaky") };
      return { ...base, status: "pass", gating: false };
    }
  }
}

/**
 * Baseline entries that matched results for the run's adapters but no
 * failure: group entries, and entries on properties that never ran (skipped
 * by capability or precondition). Exact entries on passing properties are
 * reported as `unexpected-pass` results instead.
 */
export function staleEntries(baseline: Baseline, adapters: readonly AdapterReport[]): BaselineEntry[] {
  const stale: BaselineEntry[] = [];
  for (const entry of baseline.expectedFailures) {
    if (entry.id.includes(":")) continue;
    const group = entry.id.endsWith("*");
    const matched = adapters
      .filter((a) => entry.adapter === undefined || entry.adapter === a.name)
      .flatMap((a) => a.results)
      .filter((r) => (group ? r.id.startsWith(entry.id.slice(0, -1)) : r.id === entry.id))
      .filter((r) => r.skip === undefined || r.skip.kind === "capability" || r.skip.kind === "precondition");
    if (matched.length === 0) continue;
    const failed = matched.some((r) => r.outcome === "fail" || r.outcome === "error" || r.outcome === "timeout");
    const reported = matched.some((r) => r.status === "unexpected-pass");
    if (!failed && !reported) stale.push(entry);
  }
  return stale;
}

/** Counts and the verdict. */
export function summarize(adapters: readonly AdapterReport[], stale: readonly BaselineEntry[]): { summary: Summary; verdict: "pass" | "fail" | "unknown" } {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;
  let gating = 0;
  let adapterErrors = 0;
  let gatingFailures = 0;
  for (const a of adapters) {
    adapterErrors += a.errors.length;
    for (const r of a.results) {
      counts[r.status]++;
      if (r.gating) {
        gating++;
        if (r.status !== "error") gatingFailures++;
      }
    }
  }
  const tally = (judges: "exporter" | "consumer"): { ran: number; passed: number } => {
    const ran = adapters.flatMap((a) => a.results).filter((r) => r.judges === judges && r.outcome !== "skipped");
    return { ran: ran.length, passed: ran.filter((r) => r.outcome === "pass").length };
  };
  const summary: Summary = { ...counts, gating, staleEntries: stale.length, adapterErrors, exporterJudged: tally("exporter"), consumerGroup: tally("consumer") };
  const verdict = gatingFailures > 0 || stale.length > 0 ? "fail" : gating > 0 || adapterErrors > 0 ? "unknown" : "pass";
  return { summary, verdict };
}
