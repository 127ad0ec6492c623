/**
 * Replays CPython's answers from a real 64-bit build (test/fixtures/struct-lp64.json,
 * made by scripts/gen-struct-fixtures.py) against the engine's default ABI,
 * lp64: the native sizes that the wasm32 Pyodide oracle cannot show.
 *
 * The fixtures come from CPython 3.13 (the LP64 interpreter at hand) and hold
 * no `F`/`D` cases; on everything else 3.13 and 3.14 agree word for word,
 * which differential-pyodide.test.ts checks on the ABI-independent cases.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { BUFFER_KINDS, runOnEngine, VIAS, type EngineOptions } from "../oracle/engine-struct.ts";
import { loadLp64Fixture, withoutExpected } from "../oracle/lp64-fixture.ts";
import { canonicalResult, type StructOp } from "../oracle/tagged.ts";

const fixture = loadLp64Fixture();
const OPS: readonly StructOp[] = ["calcsize", "pack", "unpack", "unpack_from", "pack_into", "iter_unpack"];

/** Cycles through every door, buffer kind and offset type, so each op meets all their combinations. */
function optionsFor(index: number): EngineOptions {
  const via = VIAS[index % VIAS.length] ?? "functions";
  const bufferKind = BUFFER_KINDS[Math.floor(index / VIAS.length) % BUFFER_KINDS.length] ?? "uint8array";
  return { via, bufferKind, bigintOffset: Math.floor(index / (VIAS.length * BUFFER_KINDS.length)) % 2 === 1 };
}

describe(`struct agrees with CPython ${fixture.python.split(" ")[0]} on LP64`, () => {
  for (const op of OPS) {
    it(`${op}: every fixture case`, () => {
      const cases = fixture.cases.filter((c) => c.op === op);
      expect(cases.length).toBeGreaterThan(0);
      const mismatches = cases.flatMap((c, i) => {
        const options = optionsFor(i);
        const structCase = withoutExpected(c);
        const expected = canonicalResult(c.expected);
        const actual = runOnEngine(structCase, options);
        return isDeepStrictEqual(actual, expected) ? [] : [{ case: structCase, options, expected, actual }];
      });
      // All mismatches counted, the first few shown in full: one engine bug often fails hundreds of cases.
      expect({ mismatches: mismatches.length, first: mismatches.slice(0, 8) }).toEqual({ mismatches: 0, first: [] });
    });
  }
});
