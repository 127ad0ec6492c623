/**
 * A Struct used often enough packs and unpacks through generated
 * straight-line code (src/format/record-code.ts) instead of its run loops.
 * The two must be indistinguishable: same bytes, same values, same errors
 * with the same messages, and no partial write on a bad value.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Struct } from "../../src/index.ts";
import type { ItemCodec } from "../../src/format/item-codec.ts";
import { recordCode } from "../../src/format/record-code.ts";
import { bytePoolArb, bytesFromPool, packCaseArb } from "../oracle/struct-arbitraries.ts";

/** More uses than the struct waits for before generating its code. */
const USES = 40;

type Outcome = { ok: unknown } | { error: string; message: string };

function outcome(action: () => unknown): Outcome {
  try {
    return { ok: action() };
  } catch (error) {
    return { error: (error as { pythonType?: string }).pythonType ?? String(error), message: (error as Error).message };
  }
}

/** Each use's outcome; the first ones come from the loops, the last from generated code. */
function everyUse(action: () => unknown): Outcome[] {
  return Array.from({ length: USES }, () => outcome(action));
}

describe("generated record code", () => {
  it("packs like the run loops: bytes, errors and messages", () => {
    fc.assert(
      fc.property(packCaseArb, ({ spec, values }) => {
        const struct = new Struct(spec.text, { abi: "wasm32" });
        const outcomes = everyUse(() => struct.pack(...values));
        for (const later of outcomes.slice(1)) expect(later).toEqual(outcomes[0]);
      }),
      { numRuns: 300 },
    );
  });

  it("unpacks like the run loops, at any offset", () => {
    fc.assert(
      fc.property(packCaseArb, bytePoolArb, fc.nat(7), ({ spec }, pool, offset) => {
        const struct = new Struct(spec.text, { abi: "wasm32" });
        const bytes = bytesFromPool(pool, struct.size + offset);
        const outcomes = everyUse(() => struct.unpackFrom(bytes, offset));
        // NaN compares equal to NaN in toEqual, as it should here.
        for (const later of outcomes.slice(1)) expect(later).toEqual(outcomes[0]);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves nothing half-written when a later value is bad", () => {
    const struct = new Struct("<hhh");
    const target = new Uint8Array(6).fill(0xee);
    for (let use = 0; use < USES; use++) {
      expect(() => struct.packInto(target, 0, 1, 2, 1 << 20)).toThrow("'h' format requires -32768 <= number <= 32767");
      expect(target).toEqual(new Uint8Array(6).fill(0xee));
    }
    struct.packInto(target, 0, 1, 2, 3);
    expect(target).toEqual(Uint8Array.of(1, 0, 2, 0, 3, 0));
  });

  it("is generated for small records only", () => {
    const run = (repeat: number) => ({ codec: {} as ItemCodec, offset: 0, repeat, itemSize: 1 });
    expect(recordCode([run(32)])).not.toBeNull();
    expect(recordCode([run(33)])).toBeNull();
  });
});
