/**
 * Restricted layouts: a manifest can say an exporter pads rows only, never
 * builds an empty dimension, or has size limits; the suite then generates
 * only such descriptions, and `create` may still decline one as
 * unsupported, which is counted and reported as not applicable with its
 * reason, never as an error.
 */

import { describe, expect, test } from "vitest";
import { CAPABILITY_PRESETS, presetCapabilities, replay, runConformance, unsupported, validateAdapter, type ExporterDescription } from "../../src/index.ts";
import { isRowPadded } from "../../src/model/layout.ts";
import { faulty } from "../broken/harness.ts";
import { paddedImage } from "./honest.ts";

describe("an image with padded rows", () => {
  test("passes with an honest manifest and an empty baseline; it only gets row-padded descriptions", async () => {
    const seen: ExporterDescription[] = [];
    const report = await runConformance(paddedImage(seen), { seed: 20261206, numRuns: 20, isolation: "none" });
    const adapter = report.adapters[0]!;
    expect(adapter.results.filter((r) => r.gating || r.status === "error").map((r) => `${r.id}: ${r.failure?.message}`)).toEqual([]);
    expect(report.verdict).toBe("pass");
    expect(seen.length).toBeGreaterThan(100);
    for (const d of seen) {
      expect(d.ndim === 2 || d.ndim === 3, `ndim ${d.ndim}`).toBe(true);
      expect(d.shape.every((e) => e >= 1), `shape ${d.shape}`).toBe(true);
      expect(isRowPadded(d.shape, d.strides, d.itemsize), `strides ${d.strides} of shape ${d.shape}`).toBe(true);
    }
    // Padding is exercised, and described as such.
    expect(seen.some((d) => d.layout === "padded")).toBe(true);
    // Declined descriptions are counted as not applicable, with the reason.
    const declined = adapter.results.flatMap((r) => Object.entries(r.notApplicable)).filter(([reason]) => reason.startsWith("unsupported: adapter.create declined the description"));
    expect(declined.length).toBeGreaterThan(0);
    expect(declined[0]![0]).toMatch(/channels; an RGB image has at most 3\)$/);
  });

  test("a property whose every case is declined is skipped with the reason, never an error", async () => {
    const base = faulty("declines-all", {});
    const adapter = { ...base, create: () => unsupported("this exporter builds nothing today") };
    const report = await runConformance(adapter as never, { seed: 1, numRuns: 3, isolation: "none", properties: ["record.len"] });
    const result = report.adapters[0]!.results.find((r) => r.id === "record.len")!;
    expect(result.status).toBe("skipped");
    expect(result.skip?.kind).toBe("precondition");
    expect(result.skip?.reason).toMatch(/unsupported: adapter\.create declined the description \(this exporter builds nothing today\)/);
  });

  test("size limits hold for generated descriptions, and replayed cases outside them are refused", async () => {
    const seen: ExporterDescription[] = [];
    const base = faulty("limited", {}, { minExtent: 2, maxExtent: 3, maxItems: 6, maxNdim: 2 });
    const adapter = { ...base, create: (d: ExporterDescription) => (seen.push(d), base.create(d)) };
    const report = await runConformance(adapter, { seed: 4, numRuns: 10, isolation: "none", properties: ["record.*"] });
    expect(report.verdict).toBe("pass");
    for (const d of seen) {
      expect(d.shape.every((e) => e >= 2 && e <= 3), `shape ${d.shape}`).toBe(true);
      expect(d.shape.reduce((p, e) => p * e, 1)).toBeLessThanOrEqual(6);
    }
    await expect(
      replay(adapter, "record.len", { case: { format: "B", shape: [1], strides: [1], offset: 0, memoryItems: 1, readonly: false, indirect: false, data: "00" } }),
    ).rejects.toThrow(/an extent is below the manifest's minExtent 2/);
  });
});

describe("manifest presets", () => {
  test("each preset is a complete, valid manifest, frozen; overrides make a new one", () => {
    for (const [name, capabilities] of Object.entries(CAPABILITY_PRESETS)) {
      expect(Object.isFrozen(capabilities), name).toBe(true);
      expect(() => validateAdapter({ name: `preset-${name}`, capabilities, create: () => ({}) })).not.toThrow();
    }
    const image = presetCapabilities("image", { formats: ["<H"] });
    expect(image.formats).toEqual(["<H"]);
    expect(image.layouts).toEqual(["C", "padded"]);
    expect(CAPABILITY_PRESETS.image.formats).toEqual(["B"]);
    expect(() => presetCapabilities("imag" as never)).toThrow(/unknown capability preset "imag"/);
  });

  test("restrictions are validated with hints", () => {
    const bad = (capabilities: object) => () => validateAdapter({ name: "x", capabilities: { ...CAPABILITY_PRESETS.column, ...capabilities }, create: () => ({}) });
    expect(bad({ layouts: ["C", "paded"] })).toThrow(/unknown layout "paded" \(did you mean 'padded'\?\)/);
    expect(bad({ minExtent: 3, maxExtent: 2 })).toThrow(/minExtent is greater than capabilities\.maxExtent/);
    expect(bad({ maxItems: 0 })).toThrow(/maxItems must be an integer >= 1/);
    expect(bad({ resizable: "sometimes" })).toThrow(/resizable must be true, false or "writable"/);
  });
});
