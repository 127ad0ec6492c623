/**
 * A small Struct packs into a scratch buffer it keeps, which is not zeroed
 * between packs: every codec writes every byte of its item, and pad and
 * alignment bytes are never written. So a Struct that has packed before
 * (successfully, or failing halfway through its values) must give exactly
 * the bytes, or the error, of a Struct packing for the first time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPythonError, Struct } from "../../src/index.ts";
import { formatSpecArb, valuesArb } from "../oracle/struct-arbitraries.ts";

function outcome(pack: () => Uint8Array): unknown {
  try {
    return { bytes: Array.from(pack()) };
  } catch (error) {
    if (isPythonError(error)) return { error: error.pythonType, message: error.message };
    return { bare: String(error) };
  }
}

const caseArb = formatSpecArb.chain((spec) =>
  fc.record({
    format: fc.constant(spec.text),
    earlier: fc.array(fc.oneof(valuesArb(spec, true), valuesArb(spec, false)), { minLength: 1, maxLength: 3 }),
    values: fc.oneof(valuesArb(spec, true), valuesArb(spec, false)),
  }),
);

describe("a Struct's reused scratch buffer packs as a fresh one does", () => {
  it("after earlier packs, good and failed, the bytes or the error are a first pack's", () => {
    fc.assert(
      fc.property(caseArb, ({ format, earlier, values }) => {
        const reused = new Struct(format);
        for (const previous of earlier) outcome(() => reused.pack(...previous));
        expect(outcome(() => reused.pack(...values))).toEqual(outcome(() => new Struct(format).pack(...values)));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves pad, alignment and field padding bytes zero after packs that filled them with ones", () => {
    const struct = new Struct("@b3xiq4s3p");
    const ones = Uint8Array.of(255, 255, 255, 255);
    struct.pack(-1, -1, -1n, ones, ones);
    expect(() => struct.pack(-1, -1, -1n, ones, 1)).toThrow("argument for 'p' must be a bytes object");
    expect(Array.from(struct.pack(0, 0, 0n, Uint8Array.of(7), Uint8Array.of(9)))).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 1, 9, 0,
    ]);
  });
});
