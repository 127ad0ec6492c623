/**
 * The shipped JSON Schemas describe the files the suite writes: a baseline
 * from `baseline --write`, a regression file, and JSON reports (a failing
 * run, a run cut short by its budget), each naming its schema in `$schema`.
 * The suite validates the files it reads against these same schemas (ajv),
 * with its did-you-mean hints on top.
 */

import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { faulty } from "./broken/harness.ts";
import { baselineFromReport, EMPTY_BASELINE, formatBaseline, jsonReport, parseBaseline, runConformance, SCHEMA_URLS, type ConformanceReport } from "../src/index.ts";
import { addRegressions, formatRegressions, parseRegressions } from "../src/engine/regressions.ts";

const load = (name: string): object => JSON.parse(readFileSync(new URL(`../schemas/${name}.schema.json`, import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(load("baseline"));
ajv.addSchema(load("regressions"));
ajv.addSchema(load("report"));
const validator = (name: string) => ajv.getSchema(`https://unpkg.com/@pybuffer/conformance/schemas/${name}.schema.json`)!;

function expectValid(name: string, data: unknown): void {
  const validate = validator(name);
  expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);
}

async function failingRun(): Promise<ConformanceReport> {
  return runConformance(faulty("wrong-len", { answer: (r) => ({ ...r, len: r.len + 1 }) }), { seed: 8, numRuns: 4, isolation: "none", properties: ["record.*", "getbuf.*"] });
}

describe("JSON Schemas", () => {
  test("a JSON report validates, and names its schema", async () => {
    const text = jsonReport(await failingRun());
    const data = JSON.parse(text);
    expect(data.$schema).toBe(SCHEMA_URLS.report);
    expect(SCHEMA_URLS.report).toMatch(/^https:\/\/unpkg\.com\/@pybuffer\/conformance@[\d.]+\/schemas\/report\.schema\.json$/);
    expectValid("report", data);
  });

  test("a baseline written from a report validates, and the suite reads it back", async () => {
    const text = formatBaseline(baselineFromReport(await failingRun(), EMPTY_BASELINE).baseline);
    const data = JSON.parse(text);
    expect(data.$schema).toBe(SCHEMA_URLS.baseline);
    expect(data.expectedFailures.length).toBeGreaterThan(0);
    expectValid("baseline", data);
    expect(parseBaseline(text, "written").expectedFailures).toHaveLength(data.expectedFailures.length);
  });

  test("a regression file validates", async () => {
    const report = await failingRun();
    const failure = report.adapters[0]!.results.find((r) => r.id === "record.len")!.failure!;
    const file = addRegressions(undefined, [{ adapter: "wrong-len", id: "record.len", case: failure.counterexample!, check: failure.check, found: report.run.startedAt, seed: 8 }]).file;
    const data = JSON.parse(formatRegressions(file));
    expect(data.$schema).toBe(SCHEMA_URLS.regressions);
    expectValid("regressions", data);
  });

  test("the baseline schema refuses what the suite refuses for its structure", () => {
    const validate = validator("baseline");
    for (const bad of [
      { version: 1, expectedFailure: [] },
      { version: 2 },
      { version: 1, expectedFailures: [{ id: "record.len" }] },
      { version: 1, expectedFailures: ["record.len"] },
      { version: 1, expectedFailures: [{ id: "record.len", reason: "x", issue: "not a url" }] },
      { version: 1, expectedFailures: [{ id: "record len", reason: "x" }] },
      { version: 1, expectedFailures: [{ id: "record.len", reason: "   " }] },
    ]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
      expect(() => parseBaseline(JSON.stringify(bad), "bad")).toThrow();
    }
  });

  test("the suite reads baselines through the schema: what only the schema forbids is refused too, with the hints on top", () => {
    // Only the schema's adapter pattern forbids a space in an adapter name.
    const spaced = { version: 1, expectedFailures: [{ adapter: "my adapter", id: "record.len", reason: "x" }] };
    expect(validator("baseline")(spaced)).toBe(false);
    expect(() => parseBaseline(JSON.stringify(spaced), "b.json")).toThrow(/expectedFailures\[0\] \(record\.len\): "adapter" must match pattern .*, got "my adapter"/);
    // A misspelt id breaks the schema's pattern only when it is malformed; either way the hint is the catalog's.
    for (const id of ["record.lenn", "Record.len"]) {
      const error = (() => {
        try {
          parseBaseline(JSON.stringify({ version: 1, expectedFailures: [{ id, reason: "x" }] }), "b.json");
        } catch (e) {
          return e as Error & { problems: string[] };
        }
        throw new Error(`${id} was accepted`);
      })();
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(/is not a property id \(did you mean 'record\.len'\?\)/);
    }
    expect(() => parseBaseline(JSON.stringify({ version: 1, flakky: [] }), "b.json")).toThrow(/unknown key 'flakky' \(did you mean 'flaky'\?\); the keys are version, expectedFailures, flaky, skip/);
  });

  test("the suite reads regression files through the schema, naming the place and the closest key", () => {
    const good = { version: 1, regressions: [{ adapter: "a", id: "record.len", case: { format: "B", shape: [1], strides: [1], offset: 0, memoryItems: 1, readonly: false, indirect: false, data: 0 } }] };
    expect(validator("regressions")(good)).toBe(true);
    expect(parseRegressions(JSON.stringify(good), "r.json").regressions).toHaveLength(1);
    const { case: pinned, ...rest } = good.regressions[0]!;
    const misspelt = { version: 1, regressions: [{ ...rest, cse: pinned }] };
    expect(validator("regressions")(misspelt)).toBe(false);
    expect(() => parseRegressions(JSON.stringify(misspelt), "r.json")).toThrow(/r\.json: invalid regression file\n {2}- regressions\[0\]: unknown key 'cse' \(did you mean 'case'\?\)/);
    expect(() => parseRegressions(JSON.stringify({ ...good, version: 2 }), "r.json")).toThrow(/version: must be equal to constant/);
    const negative = { version: 1, regressions: [{ ...rest, case: { ...pinned, shape: [-1] } }] };
    expect(() => parseRegressions(JSON.stringify(negative), "r.json")).toThrow(/regressions\[0\]\.case\.shape\[0\]: must be >= 0/);
  });
});
