/**
 * Every exporter this repository ships passes every MUST property with an
 * empty baseline (the main job, `npm run conformance`, runs the same adapters
 * through the built CLI with more cases).
 */

import { expect } from "vitest";
import { runConformance, type ConformanceAdapter } from "../../src/index.ts";

export const SHIPPED_SEED = Number(process.env["CONFORMANCE_SEED"] ?? 31415);

export async function expectConformant(adapter: ConformanceAdapter<any>): Promise<void> {
  const report = await runConformance(adapter, { seed: SHIPPED_SEED, numRuns: 8, isolation: "none" });
  const a = report.adapters[0]!;
  const problems = a.results
    .filter((r) => r.gating || (r.status === "fail" && r.level !== "MAY"))
    .map((r) => `${r.id} [${r.level}] ${r.status}: ${r.failure?.message ?? ""}\n  case ${JSON.stringify(r.failure?.counterexample)}`);
  expect([...a.errors, ...problems], `seed ${SHIPPED_SEED}`).toEqual([]);
  expect(report.verdict).toBe("pass");
}
