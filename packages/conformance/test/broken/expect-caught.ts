/**
 * Runs the suite on one broken exporter (in process, fixed seed) and checks
 * that exactly the properties naming its rule fail.
 */

import { expect } from "vitest";
import { runConformance } from "../../src/index.ts";
import type { BrokenExporter } from "./broken.ts";

export const BROKEN_SEED = 20251125;

export async function expectCaught(broken: BrokenExporter): Promise<void> {
  const report = await runConformance(broken.adapter, { seed: BROKEN_SEED, numRuns: 12, isolation: "none" });
  const results = report.adapters[0]!.results;
  const failing = results.filter((r) => r.outcome !== "pass" && r.outcome !== "skipped");
  const explain = failing.map((r) => `${r.id}: ${r.outcome} ${r.failure?.check ?? ""} ${r.failure?.message ?? ""}`).join("\n");
  expect(failing.map((r) => r.id).sort(), `${broken.adapter.name} (${broken.rule}) failed:\n${explain}`).toEqual([...broken.fails].sort());
  // Failures are failures of the exporter, never adapter errors or timeouts.
  for (const r of failing) expect(r.outcome).toBe("fail");
  // Only MUST failures gate: an exporter that breaks only SHOULD or MAY rules still passes.
  const gating = failing.some((r) => r.level === "MUST");
  expect(report.verdict).toBe(gating ? "fail" : "pass");
  // Every failure carries its reproduction.
  for (const r of failing) {
    expect(r.failure?.counterexample, r.id).not.toBeNull();
    expect(r.failure?.seed).toBe(BROKEN_SEED);
    expect(r.specRefs.length).toBeGreaterThan(0);
  }
}
