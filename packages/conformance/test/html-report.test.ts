/**
 * The HTML report stands alone (no script, style or font from elsewhere),
 * holds the adapter-by-property matrix with levels and outcomes, and every
 * failure with its rule, message, counterexample and replay commands,
 * escaped. (Its look was checked by rendering it in headless Chromium.)
 */

import { describe, expect, test } from "vitest";
import { htmlReport, listProperties, runConformance } from "../src/index.ts";
import { faulty } from "./broken/harness.ts";

describe("HTML report", () => {
  test("self-contained matrix and failures, with filters by level and outcome", async () => {
    const report = await runConformance(
      [faulty("control", {}), faulty("wrong-len", { answer: (r) => ({ ...r, len: r.len + 1 }) })],
      { seed: 9, numRuns: 4, isolation: "none" },
    );
    const html = htmlReport(report, { replay: (r) => [`npx pybuffer-conformance replay ./a.js --adapter ${r.adapter} --property ${r.id} --seed 9`] });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import|url\(/);
    // One matrix row per property, tagged with its level and outcomes; one column per adapter.
    for (const p of listProperties()) expect(html).toContain(`<tr data-level="${p.level}" data-outcomes="`);
    expect(html.match(/<th class="adapter">/g)).toHaveLength(2);
    expect(html.match(/<tr data-level=/g)).toHaveLength(listProperties().length);
    // The failure, with its rule, message, counterexample and replay command.
    const failure = report.adapters[1]!.results.find((r) => r.id === "record.len")!.failure!;
    expect(html).toContain(`wrong-len</b> record.len (check ${failure.check})`);
    expect(html).toContain(JSON.stringify(failure.counterexample).replace(/"/g, "&quot;"));
    expect(html).toContain("--adapter wrong-len --property record.len --seed 9");
    expect(html).toMatch(/<input type="checkbox" value="MUST" checked>/);
    expect(html).toMatch(/<input type="checkbox" value="fail" checked>/);
  });

  test("text from exporters is escaped", async () => {
    const report = await runConformance(faulty("wrong-len", { answer: (r) => ({ ...r, len: r.len + 1 }) }), { seed: 9, numRuns: 4, isolation: "none", properties: ["record.len"] });
    const hostile = {
      ...report,
      adapters: report.adapters.map((a) => ({ ...a, results: a.results.map((r) => (r.failure ? { ...r, failure: { ...r.failure, message: '<img src=x onerror="alert(1)">' } } : r)) })),
    };
    const html = htmlReport(hostile);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});
