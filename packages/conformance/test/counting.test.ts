/**
 * Honest counting: the properties that only exercise core's memoryview over
 * a record the exporter properties already validated (the derived slice/,
 * cast/ and readonly/ views) are the consumer group, reported apart; the
 * summary says how many properties judged the exporter itself.
 */

import { describe, expect, test } from "vitest";
import { listProperties, runConformance } from "../src/index.ts";
import { faulty } from "./broken/harness.ts";

describe("honest counting", () => {
  test("every derived-view property is in the consumer group, every other judges the exporter", () => {
    const properties = listProperties();
    for (const p of properties) expect(p.judges, p.id).toBe(p.view === "exporter" ? "exporter" : "consumer");
    expect(properties.filter((p) => p.judges === "exporter").length).toBe(35);
    expect(properties.filter((p) => p.judges === "consumer").length).toBe(65);
  });

  test("the summary counts what ran of each, and the console says how many judged the exporter", async () => {
    const lines: string[] = [];
    const report = await runConformance(faulty("wrong-len", { answer: (r) => ({ ...r, len: r.len + 1 }) }), { seed: 2, numRuns: 4, isolation: "none", onEvent: () => {} });
    const results = report.adapters[0]!.results;
    const ran = (judges: string) => results.filter((r) => r.judges === judges && r.status !== "skipped");
    expect(report.summary.exporterJudged).toEqual({ ran: ran("exporter").length, passed: ran("exporter").filter((r) => r.outcome === "pass").length });
    expect(report.summary.consumerGroup).toEqual({ ran: ran("consumer").length, passed: ran("consumer").filter((r) => r.outcome === "pass").length });
    // The broken len is the exporter's failure: it is not hidden among the consumer group's passes.
    expect(report.summary.exporterJudged.passed).toBeLessThan(report.summary.exporterJudged.ran);
    const { consoleReporter } = await import("../src/index.ts");
    consoleReporter({ write: (t) => lines.push(t) }).summary(report);
    expect(lines.join("")).toMatch(new RegExp(`judged the exporter itself: ${report.summary.exporterJudged.passed} of ${report.summary.exporterJudged.ran} passed; consumer group`));
  });
});
