/**
 * Properties: every read of a legacy buffer agrees with the same operation
 * on the bytes of its window, computed from the base's current bytes by the
 * spec's formula, for random bases (four kinds), offsets and sizes, and for
 * bases that shrink and grow between operations.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slice } from "@pybuffer/core";
import { buffer, type LegacyBuffer } from "../../src/index.ts";
import { BASE_KINDS, makeBase, sliceIndices, windowOf } from "../support/reference.ts";

const bytesArb = fc.uint8Array({ minLength: 0, maxLength: 24 });
const bound = fc.option(fc.integer({ min: -30, max: 30 }), { nil: null });
/** Any UTF-16 code units, lone surrogates included (fast-check's "binary" strings are slow to make). */
const utf16String = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));
const step = fc.option(fc.integer({ min: -5, max: 5 }).filter((s) => s !== 0), { nil: null });

type Action =
  | { readonly type: "resize"; readonly length: number; readonly fill: Uint8Array }
  | { readonly type: "index"; readonly index: number }
  | { readonly type: "slice"; readonly start: number | null; readonly stop: number | null; readonly step: number | null }
  | { readonly type: "concat"; readonly other: Uint8Array }
  | { readonly type: "repeat"; readonly n: number }
  | { readonly type: "read" };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant("resize" as const), length: fc.integer({ min: 0, max: 40 }), fill: fc.uint8Array({ minLength: 40, maxLength: 40 }) }),
  fc.record({ type: fc.constant("index" as const), index: fc.integer({ min: -30, max: 30 }) }),
  fc.record({ type: fc.constant("slice" as const), start: bound, stop: bound, step }),
  fc.record({ type: fc.constant("concat" as const), other: bytesArb }),
  fc.record({ type: fc.constant("repeat" as const), n: fc.integer({ min: -2, max: 4 }) }),
  fc.record({ type: fc.constant("read" as const) }),
);

const scenario = fc.record({
  kind: fc.constantFrom(...BASE_KINDS),
  initial: bytesArb,
  offset: fc.integer({ min: 0, max: 30 }),
  size: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 30 })),
  actions: fc.array(action, { minLength: 1, maxLength: 12 }),
});

/** Runs one action on the buffer and on the reference window; they must agree. */
function check(b: LegacyBuffer, expected: Uint8Array, act: Action): void {
  switch (act.type) {
    case "index": {
      const i = act.index < 0 ? act.index + expected.length : act.index;
      if (i < 0 || i >= expected.length) expect(() => b.get(act.index)).toThrow("buffer index out of range");
      else expect(b.get(act.index)).toEqual(Uint8Array.of(expected[i]!));
      return;
    }
    case "slice": {
      const picked = Uint8Array.from(sliceIndices(expected.length, act.start, act.stop, act.step), (i) => expected[i]!);
      expect(b.get(slice(act.start, act.stop, act.step))).toEqual(picked);
      return;
    }
    case "concat": {
      const result = b.concat(act.other);
      if (expected.length === 0) expect(result).toBe(act.other);
      else expect(result).toEqual(Uint8Array.from([...expected, ...act.other]));
      return;
    }
    case "repeat": {
      const times = Math.max(act.n, 0);
      expect(b.repeat(act.n)).toEqual(Uint8Array.from(Array.from({ length: times }, () => [...expected]).flat()));
      return;
    }
    case "read":
      expect(b.length).toBe(expected.length);
      expect(b.toBytes()).toEqual(expected);
      expect([...b].map((item) => item[0])).toEqual([...expected]);
      return;
    case "resize":
      return;
  }
}

describe("reads agree with the window's bytes", () => {
  it("indexing, slicing, concatenation, repetition and iteration, with bases that change size", () => {
    fc.assert(
      fc.property(scenario, ({ kind, initial, offset, size, actions }) => {
        const base = makeBase(kind, initial);
        const b = buffer(base.object, offset, size);
        for (const act of actions) {
          if (act.type === "resize") base.resize(act.length, act.fill);
          check(b, windowOf(base.bytes(), offset, size), act);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a buffer of a buffer reads its base through the composed window", () => {
    fc.assert(
      fc.property(
        bytesArb,
        fc.integer({ min: 0, max: 30 }),
        fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 30 })),
        fc.integer({ min: 0, max: 30 }),
        fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 30 })),
        (bytes, innerOffset, innerSize, outerOffset, outerSize) => {
          const inner = buffer(bytes, innerOffset, innerSize);
          const outer = buffer(inner, outerOffset, outerSize);
          expect(outer.base).toBe(bytes);
          // Composition (bufferobject.c: buffer_from_object) caps by the inner *declared* size, then reads the base directly.
          let size = outerSize;
          if (innerSize !== -1) {
            const room = Math.max(innerSize - outerOffset, 0);
            if (size === -1 || size > room) size = room;
          }
          expect(outer.toBytes()).toEqual(windowOf(bytes, innerOffset + outerOffset, size));
        },
      ),
    );
  });

  it("compare, equals and hash agree with the windows' bytes", () => {
    fc.assert(
      fc.property(bytesArb, bytesArb, fc.integer({ min: 0, max: 4 }), (x, y, offset) => {
        const a = buffer(x, offset);
        const b = buffer(y, offset);
        const [p, q] = [windowOf(x, offset, -1), windowOf(y, offset, -1)];
        let expected = 0;
        for (let i = 0; i < Math.min(p.length, q.length) && expected === 0; i++) expected = Math.sign(p[i]! - q[i]!);
        if (expected === 0) expected = Math.sign(p.length - q.length);
        expect(a.compare(b)).toBe(expected);
        expect(a.equals(b)).toBe(expected === 0);
        if (expected === 0) expect(a.hash()).toBe(b.hash());
      }),
    );
  });

  it("a string base reads as its UTF-16LE code units", () => {
    fc.assert(
      fc.property(utf16String, fc.integer({ min: 0, max: 30 }), bound, bound, step, (text, offset, start, stop, by) => {
        const units = new Uint8Array(new Uint16Array(Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))).buffer);
        const expected = windowOf(units, offset, -1);
        const b = buffer(text, offset);
        expect(b.toBytes()).toEqual(expected);
        const picked = Uint8Array.from(sliceIndices(expected.length, start, stop, by), (i) => expected[i]!);
        expect(b.get(slice(start, stop, by))).toEqual(picked);
      }),
    );
  });
});
