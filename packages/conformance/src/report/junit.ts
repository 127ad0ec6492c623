/**
 * JUnit XML for CI servers: one test suite per adapter, one test case per
 * property. Expected failures, flaky failures, skips and non-gating
 * (SHOULD/MAY) failures are `<skipped>` with the reason; stale baseline
 * entries are failures.
 *
 * @module
 */

import type { ConformanceReport, PropertyResult } from "./types.ts";

/**
 * Text content: drops what XML 1.0 cannot hold (its `Char` production; the
 * `u` flag keeps characters outside the BMP whole instead of as halves).
 */
function escapeText(text: string): string {
  return text
    .replace(/[^\t\n\r\u{20}-\u{d7ff}\u{e000}-\u{fffd}\u{10000}-\u{10ffff}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** An attribute value: also quotes, and tabs and line breaks as references (a parser normalises raw ones to spaces). */
function escape(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

function body(result: PropertyResult): string {
  const f = result.failure;
  const lines = [
    `${result.level} ${result.id}: ${result.rule}`,
    ...(f ? [`check: ${result.id}:${f.check}`, f.message, `seed: ${f.seed}${f.path ? ` path: ${f.path}` : ""}`, ...(f.counterexample ? [`counterexample: ${JSON.stringify(f.counterexample)}`] : [])] : []),
    ...(result.baseline ? [`baseline: ${result.baseline.entry}: ${result.baseline.note} (${result.baseline.reason})`] : []),
    ...result.specRefs.map((r) => `spec: ${r.label} ${r.url}`),
  ];
  return lines.join("\n");
}

/**
 * The report as JUnit XML.
 *
 * @since 0.1.0
 */
export function junitReport(report: ConformanceReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const adapter of report.adapters) {
    const cases: string[] = [];
    let f = 0;
    let e = 0;
    let s = 0;
    for (const r of adapter.results) {
      const open = `    <testcase classname="${escape(adapter.name)}" name="${escape(r.id)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
      let inner = "";
      if (r.status === "error" || (r.status === "timeout" && r.gating)) {
        e++;
        inner = `<error message="${escape(r.failure?.message ?? r.status)}" type="${r.status}">${escapeText(body(r))}</error>`;
      } else if (r.gating) {
        f++;
        const message = r.status === "unexpected-pass" ? `stale baseline entry: ${r.baseline?.note ?? "passed"}` : (r.failure?.message ?? r.status);
        inner = `<failure message="${escape(message)}" type="${r.status}">${escapeText(body(r))}</failure>`;
      } else if (r.status === "skipped") {
        s++;
        inner = `<skipped message="${escape(`${r.skip?.kind}: ${r.skip?.reason}`)}"/>`;
      } else if (r.status !== "pass") {
        s++;
        const why = r.status === "fail" ? `${r.level} failure (does not gate)` : r.status;
        inner = `<skipped message="${escape(`${why}: ${r.failure?.message ?? ""}`)}">${escapeText(body(r))}</skipped>`;
      }
      cases.push(inner ? `${open}>${inner}</testcase>` : `${open}/>`);
    }
    for (const message of adapter.errors) {
      e++;
      cases.push(`    <testcase classname="${escape(adapter.name)}" name="adapter" time="0"><error message="${escape(message)}" type="adapter"/></testcase>`);
    }
    tests += cases.length;
    failures += f;
    errors += e;
    skipped += s;
    suites.push(
      `  <testsuite name="${escape(adapter.name)}" tests="${cases.length}" failures="${f}" errors="${e}" skipped="${s}" time="${(adapter.durationMs / 1000).toFixed(3)}">\n` +
        `    <properties><property name="seed" value="${report.run.seed}"/><property name="profile" value="${report.run.profile}"/></properties>\n` +
        `${cases.join("\n")}\n  </testsuite>`,
    );
  }
  if (report.staleEntries.length > 0) {
    const cases = report.staleEntries.map(
      (entry) =>
        `    <testcase classname="baseline" name="${escape(`${entry.adapter ?? "*"}/${entry.id}`)}" time="0"><failure message="stale baseline entry: nothing it lists fails any more; remove it" type="unexpected-pass"/></testcase>`,
    );
    tests += cases.length;
    failures += cases.length;
    suites.push(`  <testsuite name="baseline" tests="${cases.length}" failures="${cases.length}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="pybuffer-conformance" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(report.run.durationMs / 1000).toFixed(3)}">\n` +
    `${suites.join("\n")}\n</testsuites>\n`
  );
}
