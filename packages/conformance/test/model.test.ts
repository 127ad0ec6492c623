/**
 * The suite's own oracle, checked against core's implementation where both
 * exist (independent code, same rules), and against CPython's observed
 * decision table.
 */

import * as fc from "fast-check";
import { BufferFlags, isContiguous, NDArray, slice } from "@pybuffer/core";
import { describe, expect, test } from "vitest";
import { validateAdapter } from "../src/adapter/validate.ts";
import { caseArbitrary, PROFILES } from "../src/model/arbitraries.ts";
import { buildCase } from "../src/model/case.ts";
import { caseProblem } from "../src/model/case-problems.ts";
import { contiguity, recordIsContiguous, sliceIndices } from "../src/model/layout.ts";
import { sameList } from "../src/model/items.ts";
import { expectation } from "../src/properties/requests.ts";
import { ndarrayAdapters } from "../adapters/ndarray.js";

describe("layout oracle", () => {
  test("recordIsContiguous agrees with core's isContiguous (PyBuffer_IsContiguous)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }).chain((shape) =>
          fc.tuple(fc.constant(shape), fc.array(fc.integer({ min: -3, max: 12 }), { minLength: shape.length, maxLength: shape.length }), fc.constantFrom(1, 2, 4)),
        ),
        fc.constantFrom<"C" | "F" | "A">("C", "F", "A"),
        ([shape, strides, itemsize], order) => {
          const record = { len: shape.reduce((a, b) => a * b, itemsize), itemsize, ndim: shape.length, shape, strides: strides.map((s) => s * itemsize), suboffsets: null };
          expect(recordIsContiguous(record, order)).toBe(isContiguous(record, order));
        },
      ),
    );
  });

  test("contiguity() is exact except for the one case exporters legitimately differ on (1-D, empty, odd stride)", () => {
    expect(contiguity([0], [2], 1, false, "C")).toBe("either");
    expect(contiguity([0], [1], 1, false, "C")).toBe("yes");
    expect(contiguity([0, 3], [1, 5], 1, false, "F")).toBe("yes");
    expect(contiguity([2, 3], [1, 2], 1, false, "C")).toBe("no");
    expect(contiguity([2, 3], [1, 2], 1, false, "F")).toBe("yes");
    expect(contiguity([3], [0], 1, false, "C")).toBe("no");
    expect(contiguity([1], [-7], 1, false, "F")).toBe("yes");
    expect(contiguity([2], [1], 1, true, "C")).toBe("no");
  });

  test("sliceIndices agrees with core's Slice.indices (Python's slice.indices)", () => {
    const bound = fc.option(fc.integer({ min: -8, max: 8 }), { nil: null });
    fc.assert(
      fc.property(bound, bound, fc.integer({ min: -4, max: 4 }).filter((s) => s !== 0), fc.integer({ min: 0, max: 6 }), (start, stop, step, n) => {
        const [s, e, st, length] = slice(start, stop, step).indices(n);
        expect(sliceIndices(start, stop, step, n)).toEqual({ start: s, stop: e, step: st, length });
      }),
    );
  });
});

describe("decision procedure", () => {
  // CPython 3.13, a C-contiguous 3x4 'B' memoryview (memoryobject.c: memory_getbuf): every request but F and WRITABLE ones is served.
  const adapter = validateAdapter(ndarrayAdapters[0]);
  const model = buildCase(
    { format: "B", shape: [3, 4], strides: [4, 1], offset: 0, memoryItems: 12, readonly: true, indirect: false, data: 0 },
    adapter.capabilities,
  ).model;
  test.each([
    ["SIMPLE", BufferFlags.SIMPLE, "serve"],
    ["ND", BufferFlags.ND, "serve"],
    ["STRIDES", BufferFlags.STRIDES, "serve"],
    ["C_CONTIGUOUS", BufferFlags.C_CONTIGUOUS, "serve"],
    ["ANY_CONTIGUOUS", BufferFlags.ANY_CONTIGUOUS, "serve"],
    ["INDIRECT", BufferFlags.INDIRECT, "serve"],
    ["FULL_RO", BufferFlags.FULL_RO, "serve"],
    ["F_CONTIGUOUS", BufferFlags.F_CONTIGUOUS, "refuse"],
    ["FULL", BufferFlags.FULL, "refuse"],
    ["SIMPLE|FORMAT", BufferFlags.FORMAT, "refuse"],
  ])("%s", (_name, flags, outcome) => {
    expect(expectation(model, flags).outcome).toBe(outcome);
  });
  test("refusal steps come in CPython's order", () => {
    const pil = { ...model, indirect: true, c: "no" as const, f: "no" as const };
    expect(expectation(pil, BufferFlags.C_CONTIGUOUS | BufferFlags.WRITABLE).steps).toEqual(["writable", "c-contiguous", "suboffsets"]);
  });
});

describe("cases", () => {
  const adapters = ndarrayAdapters.map((a) => validateAdapter(a));
  test("generated cases fit their manifest, and bytes, items and the expected list agree with NDArray", () => {
    for (const a of adapters) {
      for (const view of ["exporter", "slice", "cast", "readonly"] as const) {
        fc.assert(
          fc.property(caseArbitrary(a.capabilities, PROFILES.quick, view), (spec) => {
            expect(caseProblem(JSON.parse(JSON.stringify(spec)), a.capabilities, view)).toBeNull();
            const built = buildCase(spec, a.capabilities);
            if (built.make.kind !== "create") throw new Error("a described case builds through create");
            const d = built.make.description();
            if (d.indirect || d.shape.includes(0)) return;
            const nd = new NDArray(d.ndim === 0 ? d.items[d.offset / d.itemsize] : [...d.items], {
              shape: d.shape,
              ...(d.ndim === 0 ? {} : { strides: d.strides, offset: d.offset }),
              format: d.format,
            });
            expect(sameList(nd.toBytes(), built.model.bytesC)).toBe(true);
          }),
          { numRuns: 15, seed: 5 },
        );
      }
    }
  });

  test("caseProblem explains what does not fit", () => {
    const caps = adapters[0]!.capabilities;
    expect(caseProblem({ format: "Z" }, caps, "exporter")).toMatch(/not in the manifest's formats/);
    expect(caseProblem({ format: "B", shape: [2], strides: [1], offset: 0, memoryItems: 1, readonly: true, indirect: false, data: 0 }, caps, "exporter")).toMatch(/outside the memory/);
    expect(caseProblem({ format: "B", shape: [2], strides: [1], offset: 0, memoryItems: 2, readonly: true, indirect: false, data: 0, extra: 1 }, caps, "exporter")).toMatch(/unknown case field/);
  });
});
