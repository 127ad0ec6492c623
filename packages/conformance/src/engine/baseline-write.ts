/**
 * `baseline --write`: a baseline from a report, keeping what is still true
 * of the old one (reasons, issue links, flaky and skip entries) and dropping
 * stale entries.
 *
 * @module
 */

import type { ConformanceReport } from "../report/types.ts";
import { BASELINE_VERSION, entryCheck, type Baseline, type BaselineEntry } from "./baseline.ts";

/**
 * The placeholder reason of a new entry; replace it before committing.
 *
 * @since 0.1.0
 */
export const TODO_REASON = "TODO: explain why this fails (and link the issue)";

/**
 * What changed.
 *
 * @since 0.1.0
 */
export interface BaselineUpdate {
  /** @since 0.1.0 */
  readonly baseline: Baseline;
  /** @since 0.1.0 */
  readonly added: readonly BaselineEntry[];
  /** @since 0.1.0 */
  readonly removed: readonly BaselineEntry[];
}

/**
 * Creates or refreshes a baseline from a report.
 *
 * @since 0.1.0
 */
export function baselineFromReport(report: ConformanceReport, existing: Baseline): BaselineUpdate {
  const results = report.adapters.flatMap((a) => a.results);
  const stale = new Set(report.staleEntries);
  const removed: BaselineEntry[] = [];
  const kept: BaselineEntry[] = [];
  for (const entry of existing.expectedFailures) {
    if (stale.has(entry) || report.staleEntries.some((s) => s.id === entry.id && s.adapter === entry.adapter)) {
      removed.push(entry);
      continue;
    }
    const colon = entry.id.indexOf(":");
    const id = colon === -1 ? entry.id : entry.id.slice(0, colon);
    const staleResult = results.find(
      (r) =>
        r.status === "unexpected-pass" &&
        r.id === id &&
        (entry.adapter === undefined || entry.adapter === r.adapter) &&
        (colon === -1 ? r.baseline?.entry === entry.id : !((r.mutedHits[entryCheck(entry)] ?? 0) > 0)),
    );
    if (staleResult !== undefined) removed.push(entry);
    else kept.push(entry);
  }
  const added: BaselineEntry[] = [];
  for (const r of results) {
    if (!r.gating || (r.status !== "fail" && r.status !== "error" && r.status !== "timeout")) continue;
    const entry: BaselineEntry = { adapter: r.adapter, id: r.id, reason: TODO_REASON };
    if (!added.some((e) => e.adapter === entry.adapter && e.id === entry.id)) added.push(entry);
  }
  // A new whole-property entry replaces per-check entries of the same property (they would be redundant).
  const merged = kept.filter((e) => !(e.id.includes(":") && added.some((a) => a.id === e.id.slice(0, e.id.indexOf(":")) && (e.adapter === undefined || e.adapter === a.adapter))));
  for (const e of kept) if (!merged.includes(e)) removed.push(e);
  return {
    baseline: { version: BASELINE_VERSION, expectedFailures: [...merged, ...added], flaky: existing.flaky, skip: existing.skip },
    added,
    removed,
  };
}
