/**
 * The engine's rules: an adapter fault is ERROR (never FAIL); a manifest that
 * changes during the run is an adapter error; a property the manifest rules
 * out is SKIPPED with its reason (never PASS); filtering never changes
 * another property's cases; levels gate as documented.
 */

import { describe, expect, test } from "vitest";
import { runConformance, type ConformanceAdapter } from "../src/index.ts";
import { faulty } from "./broken/harness.ts";

const control = faulty("engine-control", {});

describe("adapter faults", () => {
  test("a factory that throws is an ERROR with an unknown verdict, not a FAIL", async () => {
    const adapter: ConformanceAdapter = {
      ...control,
      name: "throws",
      create: () => {
        throw new Error("cannot build that");
      },
    };
    const report = await runConformance(adapter, { seed: 1, numRuns: 3, isolation: "none", properties: ["getbuf.*"] });
    const ran = report.adapters[0]!.results.filter((r) => r.status !== "skipped");
    expect(ran.length).toBeGreaterThan(0);
    for (const r of ran) {
      expect(r.status).toBe("error");
      expect(r.failure?.check).toBe("adapter");
      expect(r.failure?.message).toMatch(/adapter\.create threw for a description its manifest allows: .*cannot build that/);
    }
    expect(report.verdict).toBe("unknown");
  });

  test("a manifest changed during the run is an adapter error", async () => {
    const capabilities = { ...control.capabilities, formats: [...control.capabilities.formats] };
    const adapter: ConformanceAdapter = {
      ...control,
      name: "mutates",
      capabilities,
      create: (d) => {
        (capabilities.formats as string[]).push("x");
        return control.create(d);
      },
    };
    const report = await runConformance(adapter, { seed: 1, numRuns: 2, isolation: "none", properties: ["record.len"] });
    expect(report.adapters[0]!.errors).toEqual([expect.stringMatching(/capability manifest changed during the run/)]);
    expect(report.verdict).toBe("unknown");
  });

  test("setup that throws makes every property an error", async () => {
    const adapter: ConformanceAdapter = {
      ...control,
      name: "no-setup",
      setup: () => {
        throw new Error("no wasm today");
      },
    };
    const report = await runConformance(adapter, { seed: 1, numRuns: 2, isolation: "none", properties: ["record.len"] });
    expect(report.adapters[0]!.errors[0]).toMatch(/adapter\.setup threw: no wasm today/);
    expect(report.adapters[0]!.results.find((r) => r.id === "record.len")?.status).toBe("error");
  });
});

describe("skips", () => {
  test("a property the manifest rules out is SKIPPED with the reason, never PASS", async () => {
    const report = await runConformance(control, { seed: 1, numRuns: 2, isolation: "none" });
    const byId = new Map(report.adapters[0]!.results.map((r) => [r.id, r]));
    expect(byId.get("lifetime.export-count")).toMatchObject({ status: "skipped", skip: { kind: "capability", reason: "the manifest declares countsExports: false" } });
    expect(byId.get("record.scalar")).toMatchObject({ status: "skipped", skip: { kind: "capability" } });
    expect(byId.get("lifetime.export-count")?.cases).toBe(0);
  });

  test("a property whose every case is blocked is SKIPPED (precondition), never PASS", async () => {
    // Every FULL_RO record is invalid, so every consumer-side case is blocked.
    const blocked = faulty("blocked", { answer: (r) => ({ ...r, len: r.len + 1, shape: r.shape }) });
    const report = await runConformance(blocked, { seed: 3, numRuns: 4, isolation: "none", properties: ["content.tolist", "record.len"] });
    const byId = new Map(report.adapters[0]!.results.map((r) => [r.id, r]));
    expect(byId.get("content.tolist")).toMatchObject({ status: "skipped", skip: { kind: "precondition" } });
    expect(byId.get("content.tolist")?.skip?.reason).toMatch(/blocked: the exporter's raw FULL_RO answer breaks a MUST rule/);
    expect(byId.get("record.len")?.status).toBe("fail");
  });

  test("levels and filters skip with their kind", async () => {
    const report = await runConformance(control, { seed: 1, numRuns: 2, isolation: "none", level: "MUST", properties: ["getbuf.*"] });
    const byId = new Map(report.adapters[0]!.results.map((r) => [r.id, r]));
    expect(byId.get("getbuf.deterministic")?.skip?.kind).toBe("requirement");
    expect(byId.get("record.len")?.skip?.kind).toBe("filter");
    expect(byId.get("getbuf.format")?.status).toBe("pass");
  });
});

describe("seeds", () => {
  test("selecting fewer properties does not change a property's cases", async () => {
    const broken = faulty("seeded", { answer: (r) => (r.shape !== null ? { ...r, len: r.len + r.itemsize } : r) });
    const all = await runConformance(broken, { seed: 77, numRuns: 10, isolation: "none" });
    const one = await runConformance(broken, { seed: 77, numRuns: 10, isolation: "none", properties: ["record.len"] });
    const pick = (r: typeof all): unknown => r.adapters[0]!.results.find((x) => x.id === "record.len")?.failure;
    expect(pick(one)).toEqual(pick(all));
    expect(pick(all)).toBeDefined();
  });
});
