/**
 * The JUnit report read back by a real XML parser: every message, with
 * characters outside the BMP and line breaks inside attributes, survives.
 */

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import { junitReport, runConformance, type ConformanceReport } from "../src/index.ts";
import { faulty } from "./broken/harness.ts";

async function failingReport(message: string): Promise<ConformanceReport> {
  const report = await runConformance(faulty("wrong-len", { answer: (r) => ({ ...r, len: r.len + 1 }) }), {
    seed: 3,
    numRuns: 4,
    isolation: "none",
    properties: ["record.len", "record.shape"],
  });
  // A message as an exporter may write it: emoji, CJK beyond the BMP, line breaks, quotes and markup.
  const adapters = report.adapters.map((a) => ({
    ...a,
    results: a.results.map((r) => (r.failure ? { ...r, failure: { ...r.failure, message } } : r)),
  }));
  return { ...report, adapters };
}

function parse(xml: string): any {
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", textNodeName: "text", trimValues: false, processEntities: true, htmlEntities: true }).parse(xml);
}

describe("JUnit report", () => {
  test("messages outside the BMP and with line breaks survive in attributes and text", async () => {
    const message = 'refused: "𝔹uffer" 🧪 is <not> writable & 𠀋\nsecond line\r\n\tindented';
    const xml = junitReport(await failingReport(message));
    const doc = parse(xml);
    const suite = doc.testsuites.testsuite;
    const cases = Array.isArray(suite.testcase) ? suite.testcase : [suite.testcase];
    const failed = cases.find((c: any) => c.name === "record.len");
    expect(failed.failure.message).toBe(message);
    expect(failed.failure.text).toContain("🧪 is <not> writable & 𠀋\nsecond line");
    expect(cases.find((c: any) => c.name === "record.shape").failure).toBeUndefined();
  });

  test("characters XML cannot hold are dropped, and the counts match the cases", async () => {
    const xml = junitReport(await failingReport("nul \u0000 and lone surrogate \ud800 end"));
    const doc = parse(xml);
    const suite = doc.testsuites.testsuite;
    const failed = suite.testcase.find((c: any) => c.name === "record.len");
    expect(failed.failure.message).toBe("nul  and lone surrogate  end");
    expect(Number(suite.tests)).toBe(suite.testcase.length);
    expect(Number(suite.failures)).toBe(suite.testcase.filter((c: any) => c.failure !== undefined).length);
  });
});
