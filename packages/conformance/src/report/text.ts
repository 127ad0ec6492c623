/**
 * The diffable text report: one `PASS <adapter>/<id>` or `FAIL <adapter>/<id>`
 * line per property that ran, sorted, with `/` separators on every platform.
 * It records raw outcomes, before the baseline, so two runs diff cleanly.
 *
 * @module
 */

import type { ConformanceReport } from "./types.ts";

/**
 * The report as sorted `PASS|FAIL <adapter>/<id>` lines.
 *
 * @since 0.1.0
 */
export function textReport(report: ConformanceReport): string {
  const lines: string[] = [];
  for (const adapter of report.adapters) {
    for (const r of adapter.results) {
      if (r.outcome === "skipped") continue;
      lines.push(`${r.outcome === "pass" ? "PASS" : "FAIL"} ${adapter.name}/${r.id}`);
    }
  }
  lines.sort((a, b) => (a.slice(5) < b.slice(5) ? -1 : a.slice(5) > b.slice(5) ? 1 : 0));
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
