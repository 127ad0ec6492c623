/**
 * Each bridge passes every MUST property of @pybuffer/conformance with an
 * empty baseline, on the libraries' own objects (the root `npm run
 * conformance` runs the same adapters through the built CLI).
 */
import { expect, test } from "vitest";
import { runConformance } from "@pybuffer/conformance";
import adapters from "../conformance/index.js";

const SEED = Number(process.env["CONFORMANCE_SEED"] ?? 31415);

test.each(adapters.map((a) => [a.name, a] as const))("%s conforms", async (_name, adapter) => {
  const report = await runConformance(adapter, { seed: SEED, numRuns: 8, isolation: "none" });
  const result = report.adapters[0]!;
  const problems = result.results
    .filter((r) => r.gating || (r.status === "fail" && r.level !== "MAY"))
    .map((r) => `${r.id} [${r.level}] ${r.status}: ${r.failure?.message ?? ""}\n  case ${JSON.stringify(r.failure?.counterexample)}`);
  expect([...result.errors, ...problems], `seed ${SEED}`).toEqual([]);
  expect(report.verdict).toBe("pass");
  expect(result.results.filter((r) => r.status === "pass").length).toBeGreaterThan(50);
});
