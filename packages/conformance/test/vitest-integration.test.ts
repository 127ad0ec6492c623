/**
 * `describeConformance` inside this vitest run, on the example adapter; then
 * the same seed through `runConformance` and through the CLI: the three
 * entry points give the same verdict for every property.
 */

import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { runCli, runConformance, type PropertyResult } from "../src/node.ts";
import { describeConformance } from "../src/vitest/index.ts";
import adapter from "../examples/matrix/conformance.adapter.js";

const SEED = 8675309;
const fromVitest: PropertyResult[] = [];

describeConformance(adapter, { seed: SEED, numRuns: 6, onResult: (r) => fromVitest.push(r) });

describe("one engine, three entry points", () => {
  test("describeConformance, runConformance and the CLI agree on every property for the same seed", async () => {
    const programmatic = await runConformance(adapter, { seed: SEED, numRuns: 6, isolation: "none" });
    let json = "";
    const code = await runCli(
      ["run", fileURLToPath(new URL("../examples/matrix/conformance.adapter.js", import.meta.url)), "--seed", String(SEED), "--num-runs", "6", "--isolation", "none", "--report", "json=-"],
      { stdout: (t) => (json += t), stderr: () => {} },
    );
    const cli = JSON.parse(json.slice(json.indexOf("{\n  \"$schema\"")));
    const verdicts = (results: readonly PropertyResult[]): Record<string, string> =>
      Object.fromEntries(results.map((r) => [r.id, `${r.status}${r.failure ? `:${r.failure.check}` : ""}`]));
    expect(fromVitest.length).toBe(programmatic.adapters[0]!.results.length);
    expect(verdicts(fromVitest)).toEqual(verdicts(programmatic.adapters[0]!.results));
    expect(verdicts(cli.adapters[0].results)).toEqual(verdicts(programmatic.adapters[0]!.results));
    expect(code).toBe(programmatic.verdict === "pass" ? 0 : 1);
    expect(programmatic.verdict).toBe("pass");
  });
});
