/**
 * CPython's own exporters, reached through `fromPython`, pass the
 * conformance suite: every request is answered by CPython's `bf_getbuffer`.
 * The committed baseline lists only ctypes' disregard of request flags
 * (see ctypes-flags.test.ts for the Python that shows it). The root `npm run
 * conformance` runs the same adapters and baseline through the built CLI.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { parseBaseline, runConformance, type Baseline, type BaselineEntry } from "@pybuffer/conformance";
import cpythonAdapters from "../../conformance/index.js";

const BASELINE = parseBaseline(readFileSync(new URL("../../conformance/cpython.baseline.json", import.meta.url), "utf8"), "cpython.baseline.json");
const SEED = Number(process.env["CONFORMANCE_SEED"] ?? 31415);

/** The committed baseline's entries for one adapter (a baseline may only name adapters in the run). */
function baselineOf(adapter: string): Baseline {
  const mine = (entries: readonly BaselineEntry[]): BaselineEntry[] => entries.filter((e) => e.adapter === adapter);
  return { version: 1, expectedFailures: mine(BASELINE.expectedFailures), flaky: mine(BASELINE.flaky), skip: mine(BASELINE.skip) };
}

test.each(cpythonAdapters.map((a) => [a.name, a] as const))("%s conforms (with the committed baseline)", async (_name, adapter) => {
  const report = await runConformance(adapter, { seed: SEED, numRuns: 8, isolation: "none", baseline: baselineOf(adapter.name) });
  const result = report.adapters[0]!;
  const problems = result.results
    .filter((r) => r.gating || (r.status === "fail" && r.level !== "MAY"))
    .map((r) => `${r.id} [${r.level}] ${r.status}: ${r.failure?.message ?? ""}`);
  expect([...result.errors, ...problems], `seed ${SEED}`).toEqual([]);
  expect(report.verdict).toBe("pass");
});

test("the baseline's entries are all expected failures of ctypes, and each still fails", async () => {
  const ctypes = cpythonAdapters.find((a) => a.name === "cpython-ctypes-array")!;
  const report = await runConformance(ctypes, { seed: SEED, numRuns: 8, isolation: "none", baseline: baselineOf(ctypes.name) });
  const expected = report.adapters[0]!.results.filter((r) => r.status === "expected-failure").map((r) => r.id);
  expect(expected.sort()).toEqual(["getbuf.format", "getbuf.shape", "getbuf.strides"]);
});
