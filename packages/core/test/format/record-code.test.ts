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
import { sharedRecordCode } from "../../src/struct/shared-record-code.ts";
import { bytePoolArb, bytesFromPool, packCaseArb } from "../oracle/struct-arbitraries.ts";

/** More uses than the struct waits for before generating its code. */
const USES = 40;

let formatsMade = 0;
/**
 * The format with trailing whitespace no earlier case had: Structs of one
 * format share their generated code, and each case must begin in the loops.
 */
const unseen = (format: string): string => format + " ".repeat(++formatsMade);

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
        const struct = new Struct(unseen(spec.text), { abi: "wasm32" });
        const outcomes = everyUse(() => struct.pack(...values));
        for (const later of outcomes.slice(1)) expect(later).toEqual(outcomes[0]);
      }),
      { numRuns: 300 },
    );
  });

  it("unpacks like the run loops, at any offset", () => {
    fc.assert(
      fc.property(packCaseArb, bytePoolArb, fc.nat(7), ({ spec }, pool, offset) => {
        const struct = new Struct(unseen(spec.text), { abi: "wasm32" });
        const bytes = bytesFromPool(pool, struct.size + offset);
        const outcomes = everyUse(() => struct.unpackFrom(bytes, offset));
        // NaN compares equal to NaN in toEqual, as it should here.
        for (const later of outcomes.slice(1)) expect(later).toEqual(outcomes[0]);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves nothing half-written when a later value is bad", () => {
    const struct = new Struct(unseen("<hhh"));
    const target = new Uint8Array(6).fill(0xee);
    for (let use = 0; use < USES; use++) {
      expect(() => struct.packInto(target, 0, 1, 2, 1 << 20)).toThrow("'h' format requires -32768 <= number <= 32767");
      expect(target).toEqual(new Uint8Array(6).fill(0xee));
    }
    struct.packInto(target, 0, 1, 2, 3);
    expect(target).toEqual(Uint8Array.of(1, 0, 2, 0, 3, 0));
  });

  it("is shared by every Struct of one format and ABI, from its first use", () => {
    const format = unseen("<hq");
    const first = new Struct(format);
    first.pack(1, 2);
    expect(sharedRecordCode("lp64", format)).toBeUndefined();
    for (let use = 0; use < USES; use++) first.pack(use, use);
    const code = sharedRecordCode("lp64", format);
    expect(code).toBeDefined();
    expect(sharedRecordCode("wasm32", format)).toBeUndefined();
    const second = new Struct(format);
    expect(second.pack(1, 2n)).toEqual(Uint8Array.of(1, 0, 2, 0, 0, 0, 0, 0, 0, 0));
    expect(second.unpack(Uint8Array.of(255, 255, 1, 0, 0, 0, 0, 0, 0, 0))).toEqual([-1, 1n]);
    expect(sharedRecordCode("lp64", format)).toBe(code);
  });

  it("is generated for small records only", () => {
    const run = (repeat: number) => ({ codec: {} as ItemCodec, offset: 0, repeat, itemSize: 1 });
    expect(recordCode([run(32)])).not.toBeNull();
    expect(recordCode([run(33)])).toBeNull();
  });
});
