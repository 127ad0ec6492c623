/**
 * The HTML report: one self-contained page a person would rather look at
 * than read: the verdict, the adapter-by-property matrix with levels and
 * outcomes, every failure with its rule, request, shrunk counterexample and
 * replay commands, and filters by level and outcome.
 *
 * @module
 */

import { HTML_SCRIPT, HTML_STYLE } from "./html-assets.ts";
import type { ConformanceReport, PropertyResult, Status } from "./types.ts";

const LABEL: Readonly<Record<Status, string>> = {
  pass: "pass",
  fail: "FAIL",
  error: "ERROR",
  timeout: "TIMEOUT",
  skipped: "skip",
  "expected-failure": "xfail",
  "unexpected-pass": "STALE",
  flaky: "flaky",
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Options of {@link htmlReport}.
 *
 * @since 0.1.0
 */
export interface HtmlOptions {
  /**
   * Replay commands for a failure (the CLI knows each adapter module's path).
   *
   * @since 0.1.0
   */
  readonly replay?: (result: PropertyResult) => readonly string[];
}

/**
 * The report as one self-contained HTML page.
 *
 * @example
 * ```ts
 * import { htmlReport, runConformance } from "@pybuffer/conformance";
 * import adapter from "./conformance.adapter.js";
 * const html = htmlReport(await runConformance(adapter, { seed: 1, numRuns: 6 }));
 * html.startsWith("<!doctype html>"); // true
 * ```
 *
 * @since 0.1.0
 */
export function htmlReport(report: ConformanceReport, options: HtmlOptions = {}): string {
  const ids = [...new Set(report.adapters.flatMap((a) => a.results.map((r) => r.id)))];
  const byAdapter = report.adapters.map((a) => new Map(a.results.map((r) => [r.id, r])));
  const level = new Map(report.adapters.flatMap((a) => a.results.map((r) => [r.id, r.level] as const)));
  const rows = ids.map((id) => {
    const results = byAdapter.map((m) => m.get(id));
    const outcomes = [...new Set(results.map((r) => r?.status ?? "skipped"))].join(" ");
    const cells = results
      .map((r) => (r === undefined ? "<td></td>" : `<td class="cell s-${r.status}${r.gating ? " gating" : ""}" title="${escapeHtml(cellTitle(r))}">${LABEL[r.status]}</td>`))
      .join("");
    return `<tr data-level="${level.get(id)}" data-outcomes="${outcomes}"><th>${escapeHtml(id)} <span class="level">${level.get(id)}</span></th>${cells}</tr>`;
  });
  const failures = report.adapters.flatMap((a) => a.results.filter((r) => r.status !== "pass" && r.status !== "skipped").map((r) => failureBlock(r, options)));
  const errors = report.adapters.flatMap((a) => a.errors.map((e) => `<div class="failure" data-level="MUST" data-outcomes="error"><b>${escapeHtml(a.name)}</b>: ${escapeHtml(e)}</div>`));
  const s = report.summary;
  const statuses: Status[] = ["pass", "fail", "error", "timeout", "skipped", "expected-failure", "unexpected-pass", "flaky"];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${report.suite.name} ${report.verdict.toUpperCase()} (seed ${report.run.seed})`)}</title>
<style>${HTML_STYLE}</style></head><body>
<h1>${escapeHtml(report.suite.name)} ${escapeHtml(report.suite.version)} <span class="verdict ${report.verdict}">${report.verdict.toUpperCase()}</span></h1>
<div class="meta">property contract ${report.suite.contract} · seed ${report.run.seed} · profile ${report.run.profile}, ${report.run.numRuns} cases per property · ${s.gating} gating, ${s.staleEntries + s["unexpected-pass"]} stale, ${s.adapterErrors} adapter errors · judged the exporter itself: ${s.exporterJudged.passed} of ${s.exporterJudged.ran} passed; consumer group: ${s.consumerGroup.passed} of ${s.consumerGroup.ran} · ${escapeHtml(report.run.startedAt)}</div>
<div class="filters">
<fieldset><legend>level</legend>${["MUST", "SHOULD", "MAY"].map((l) => `<label><input type="checkbox" value="${l}" checked> ${l}</label>`).join(" ")}</fieldset>
<fieldset><legend>outcome</legend>${statuses.map((o) => `<label><input type="checkbox" value="${o}" checked> ${LABEL[o]}</label>`).join(" ")}</fieldset>
</div>
<h2>Failures</h2>
${[...errors, ...failures].join("\n") || "<p>None.</p>"}
<h2>Properties by adapter</h2>
<table><thead><tr><th>property</th>${report.adapters.map((a) => `<th class="adapter">${escapeHtml(a.name)}</th>`).join("")}</tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
<script>${HTML_SCRIPT}</script>
</body></html>
`;
}

function cellTitle(r: PropertyResult): string {
  if (r.failure) return `${r.adapter} ${r.id}: ${r.status} (check ${r.failure.check})\n${r.failure.message}`;
  if (r.skip) return `${r.adapter} ${r.id}: skipped (${r.skip.kind}): ${r.skip.reason}`;
  return `${r.adapter} ${r.id}: ${r.status}`;
}

function failureBlock(r: PropertyResult, options: HtmlOptions): string {
  const f = r.failure;
  const parts = [`<b class="s-${r.status}">${LABEL[r.status]}</b> [${r.level}] <b>${escapeHtml(r.adapter)}</b> ${escapeHtml(r.id)}${f ? ` (check ${escapeHtml(f.check)})` : ""}`];
  parts.push(`<div>rule: ${escapeHtml(r.rule)}</div>`);
  if (r.baseline) parts.push(`<div>baseline: ${escapeHtml(r.baseline.entry)}: ${escapeHtml(r.baseline.note)} (${escapeHtml(r.baseline.reason)})</div>`);
  if (f) {
    parts.push(`<pre>${escapeHtml(f.message)}</pre>`);
    if (f.counterexample) parts.push(`<div>counterexample:</div><pre>${escapeHtml(JSON.stringify(f.counterexample))}</pre>`);
    parts.push(`<div>seed ${f.seed}${f.path ? ` · path ${escapeHtml(f.path)}` : ""}${f.numShrinks ? ` · ${f.numShrinks} shrinks` : ""}</div>`);
    for (const command of options.replay?.(r) ?? []) parts.push(`<pre>${escapeHtml(command)}</pre>`);
  }
  parts.push(`<div>${r.specRefs.map((ref) => `<a href="${escapeHtml(ref.url)}">${escapeHtml(ref.label)}</a>`).join(" · ")}</div>`);
  return `<div class="failure${r.gating ? "" : " nongating"}" data-level="${r.level}" data-outcomes="${r.status}">${parts.join("\n")}</div>`;
}
