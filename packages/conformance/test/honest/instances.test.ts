/**
 * Exporter-driven mode: an adapter supplies its own instances (a sampler or
 * a fast-check arbitrary), each with its content, and every exporter
 * property runs on them, judging records against that content and the
 * protocol's rules in the layout the exporter chose.
 */

import { describe, expect, test } from "vitest";
import { replay, runConformance, validateAdapter, type InstanceAdapter } from "../../src/index.ts";
import { arbitraryImages, countsRefusals, sampledImages, sharedParentCrops, writableFrozenCrop, wrongContent } from "./instances.ts";

const SEED = 1206;

async function failing(adapter: InstanceAdapter<any>): Promise<string[]> {
  const report = await runConformance(adapter, { seed: SEED, numRuns: 12, isolation: "none" });
  return report.adapters[0]!.results.filter((r) => r.status !== "pass" && r.status !== "skipped").map((r) => `${r.id}:${r.failure?.check}`);
}

describe("exporter-driven instances", () => {
  for (const adapter of [sampledImages("honest-image-sampler"), arbitraryImages()]) {
    test(`${adapter.name}: every exporter property runs on its own images and passes`, async () => {
      const report = await runConformance(adapter, { seed: SEED, numRuns: 12, isolation: "none" });
      const results = report.adapters[0]!.results;
      expect(results.filter((r) => r.status !== "pass" && r.status !== "skipped").map((r) => `${r.id}: ${r.failure?.message}`)).toEqual([]);
      expect(report.verdict).toBe("pass");
      // Every property on the exporter ran (none skipped for want of a description).
      const exporterSkips = results.filter((r) => r.judges === "exporter" && r.status === "skipped");
      expect(exporterSkips.map((r) => `${r.id}: ${r.skip?.reason}`).filter((s) => !/record\.scalar|getbuf\.suboffsets|content\.shared-memory|lifetime\.redirect/.test(s))).toEqual([]);
      expect(report.summary.exporterJudged.ran).toBeGreaterThan(25);
    });
  }

  test("a failure's counterexample is the instance seed, and replays", async () => {
    const report = await runConformance(wrongContent, { seed: SEED, numRuns: 12, isolation: "none", properties: ["content.tobytes"] });
    const failure = report.adapters[0]!.results.find((r) => r.id === "content.tobytes")!.failure!;
    expect(failure.counterexample).toEqual({ instance: expect.any(Number) });
    const again = await replay(wrongContent, "content.tobytes", { case: failure.counterexample! });
    expect(again.status).toBe("fail");
    await expect(replay(wrongContent, "content.tobytes", { case: { format: "B" } as never })).rejects.toThrow(/a case is \{ "instance": <seed> \}/);
  });

  test("realistic bugs of exporter-driven adapters are caught on their rule", async () => {
    // Declared pixels that are not the exported ones: every content property, on the exporter and on each view.
    expect((await failing(wrongContent)).sort()).toEqual(
      ["", "slice/", "cast/", "readonly/"].flatMap((v) => [`${v}content.items:mismatch`, `${v}content.tobytes:C`, `${v}content.tolist:mismatch`]).sort(),
    );
    // A frozen image whose crop claims writable memory.
    expect(await failing(writableFrozenCrop)).toEqual(["record.readonly:writable-claim"]);
    // Crops sharing their parent's memory and export count are not independent instances.
    expect(await failing(sharedParentCrops())).toEqual(["adapter.fresh-exporters:shared-memory"]);
    // A refused request that still counts an export: the count is wrong, and the lock never opens again.
    expect(await failing(countsRefusals)).toEqual(["lifetime.export-count:refused-get", "lifetime.resize-unlocked:still-locked"]);
  });

  test("an adapter gives create or instances, not both, and instance content must add up", async () => {
    const honest = sampledImages("x");
    expect(() => validateAdapter({ ...honest, create: () => ({}) })).toThrow(/give create .* or instances .*, not both/);
    expect(() => validateAdapter({ ...honest, instances: 3 })).toThrow(/instances must be a sampler/);
    const short = { ...honest, name: "short-bytes", instances: (seed: number) => ({ ...honest.instances instanceof Function ? honest.instances(seed) : ({} as never), bytes: new Uint8Array(0) }) };
    const report = await runConformance(short as never, { seed: 1, numRuns: 2, isolation: "none", properties: ["record.len"] });
    const result = report.adapters[0]!.results.find((r) => r.id === "record.len")!;
    expect(result.status).toBe("error");
    expect(result.failure?.message).toMatch(/adapter\.instances\(-?\d+\) returned 0 bytes, but shape/);
  });
});
