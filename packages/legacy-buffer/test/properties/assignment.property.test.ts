/**
 * Properties: assignment through a read-write buffer does to the base what
 * the same assignment does to a copy of the window's bytes, and refuses
 * exactly what Python refuses, for bases that change size in between.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slice } from "@pybuffer/core";
import { buffer, fromReadWriteObject } from "../../src/index.ts";
import { BASE_KINDS, makeBase, sliceIndices } from "../support/reference.ts";

const bound = fc.option(fc.integer({ min: -30, max: 30 }), { nil: null });

type Write =
  | { readonly type: "resize"; readonly length: number; readonly fill: Uint8Array }
  | { readonly type: "item"; readonly index: number; readonly byte: number }
  | { readonly type: "slice"; readonly start: number | null; readonly stop: number | null; readonly step: number | null; readonly source: Uint8Array };

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ type: fc.constant("resize" as const), length: fc.integer({ min: 0, max: 40 }), fill: fc.uint8Array({ minLength: 40, maxLength: 40 }) }),
  fc.record({ type: fc.constant("item" as const), index: fc.integer({ min: -30, max: 30 }), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    type: fc.constant("slice" as const),
    start: bound,
    stop: bound,
    step: fc.option(fc.integer({ min: -4, max: 4 }).filter((s) => s !== 0), { nil: null }),
    source: fc.uint8Array({ maxLength: 12 }),
  }),
);

describe("writes agree with the same writes on the window's bytes", () => {
  it("item and slice assignment (extended slices too), with bases that change size", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BASE_KINDS),
        fc.uint8Array({ maxLength: 24 }),
        fc.integer({ min: 0, max: 30 }),
        fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 30 })),
        fc.array(write, { minLength: 1, maxLength: 10 }),
        (kind, initial, offset, size, writes) => {
          const base = makeBase(kind, initial);
          const b = fromReadWriteObject(base.object, offset, size);
          for (const w of writes) {
            if (w.type === "resize") {
              base.resize(w.length, w.fill);
              continue;
            }
            const expected = base.bytes().slice();
            const start = Math.min(offset, expected.length);
            const length = Math.min(size === -1 ? expected.length : size, expected.length - start);
            if (w.type === "item") {
              const i = w.index < 0 ? w.index + length : w.index;
              if (i < 0 || i >= length) {
                expect(() => b.set(w.index, Uint8Array.of(w.byte))).toThrow("buffer assignment index out of range");
                continue;
              }
              expected[start + i] = w.byte;
              b.set(w.index, Uint8Array.of(w.byte));
            } else {
              const targets = sliceIndices(length, w.start, w.stop, w.step);
              if (targets.length !== w.source.length) {
                expect(() => b.set(slice(w.start, w.stop, w.step), w.source)).toThrow("right operand length must match slice length");
                continue;
              }
              targets.forEach((t, k) => (expected[start + t] = w.source[k]!));
              b.set(slice(w.start, w.stop, w.step), w.source);
            }
            expect(base.bytes()).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a read-only buffer refuses every write before looking at the key or the value", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.anything(), fc.anything(), (bytes, key, value) => {
        const before = bytes.slice();
        expect(() => buffer(bytes).set(key as never, value)).toThrow("buffer is read-only");
        expect(bytes).toEqual(before);
      }),
    );
  });
});
