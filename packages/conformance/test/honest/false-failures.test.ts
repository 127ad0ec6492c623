/**
 * The false failures of contract 1, each on an honest exporter: the suite
 * judges what the protocol fixes (the bytes each index reaches, CPython's
 * contiguity, CPython's order of refusals) and what the manifest declares.
 */

import { describe, expect, test } from "vitest";
import { replay, runConformance } from "../../src/index.ts";
import { memoryviewAdapters } from "../../adapters/memoryview.js";
import { frozenImage, packedColumn } from "./honest.ts";

const SEED = 20261206;

describe("strides the protocol leaves free", () => {
  test("a packed exporter reporting CPython's canonical strides passes record.strides", async () => {
    const report = await runConformance(packedColumn, { seed: SEED, numRuns: 40, isolation: "none" });
    const bad = report.adapters[0]!.results.filter((r) => r.gating).map((r) => `${r.id}: ${r.failure?.message ?? r.status}`);
    expect(bad).toEqual([]);
    expect(report.verdict).toBe("pass");
  });

  test("shape [1, 0] with strides [0, 4] and shape [2, 1, 1] with strides [4, 4, 4] are the described buffers", async () => {
    for (const [shape, strides] of [
      [[1, 0], [4, 4]],
      [[2, 1, 1], [4, 8, 8]],
    ] as const) {
      const result = await replay(packedColumn, "record.strides", {
        case: { format: "i", shape, strides, offset: 0, memoryItems: 4, readonly: false, indirect: false, data: 7 },
      });
      expect(result.status, result.failure?.message).toBe("pass");
    }
  });

  test("strides that reach other items still fail, without calling the description's strides the exporter's", async () => {
    const transposed = { ...packedColumn, name: "packed-but-claims-fortran" };
    const result = await replay(
      {
        ...transposed,
        create: (d) => {
          const array = packedColumn.create(d);
          return {
            [Symbol.for("pybuffer.getbuffer")]: (flags: number) => {
              const record = (array as never as Record<symbol, (f: number) => { strides: number[] | null }>)[Symbol.for("pybuffer.getbuffer")]!(flags);
              return { ...record, obj: undefined, strides: record.strides === null ? null : [...record.strides].reverse() };
            },
          };
        },
      },
      "record.strides",
      { case: { format: "B", shape: [2, 3], strides: [3, 1], offset: 0, memoryItems: 6, readonly: true, indirect: false, data: 5 } },
    );
    expect(result.status).toBe("fail");
    expect(result.failure?.message).toMatch(/strides \[1, 3\] do not reach the items of strides \[3, 1\]: dimension 0 \(extent 2\) steps 1 bytes/);
    expect(result.failure?.message).not.toMatch(/exporter's/);
  });
});

describe("instances that can never be resized", () => {
  test('resizable: "writable" passes an image whose frozen instances have no resize', async () => {
    const report = await runConformance(frozenImage("writable"), { seed: SEED, numRuns: 12, isolation: "none", properties: ["lifetime.*"] });
    const results = report.adapters[0]!.results;
    const lifetime = results.filter((r) => r.id.startsWith("lifetime."));
    expect(lifetime.filter((r) => r.status !== "pass").map((r) => `${r.id}: ${r.failure?.message ?? r.skip?.reason}`)).toEqual([]);
    expect(report.verdict).toBe("pass");
  });

  test("resizable: true on frozen instances reports the real cause, not a leak", async () => {
    const report = await runConformance(frozenImage(true), { seed: SEED, numRuns: 12, isolation: "none", properties: ["lifetime.*"] });
    const failing = report.adapters[0]!.results.filter((r) => r.status === "fail");
    expect(Object.fromEntries(failing.map((r) => [r.id, r.failure?.check]))).toEqual({
      "lifetime.resize-locked": "wrong-error",
      "lifetime.resize-unlocked": "resize-failed",
      "lifetime.memoryview-release": "resize-failed",
    });
    for (const r of failing.filter((f) => f.failure?.check === "resize-failed")) {
      expect(r.failure?.message).toMatch(/TypeError: a frozen image cannot be resized, which is no export lock/);
    }
  });
});

describe("refusal messages in CPython's order", () => {
  test("memoryview refusing an empty strided view at the contiguity step has CPython's message", async () => {
    const mv = memoryviewAdapters.find((a) => a.name === "memoryview-ndarray")!;
    const result = await replay(mv, "getbuf.cpython-messages", {
      case: { format: "B", shape: [0], strides: [2], offset: 0, memoryItems: 1, readonly: false, indirect: false, data: "00" },
    });
    expect(result.status, result.failure?.message).toBe("pass");
  });
});
