/**
 * Replays CPython's memoryview answers from a real 64-bit build
 * (test/fixtures/memoryview-lp64.json, made by scripts/gen-memoryview-fixtures.py
 * with CPython 3.13) against `MemoryView` under the lp64 ABI: slices whose
 * step times the item size passes 2**31, 2**53 and Py_ssize_t, the empty
 * views they make, and '?' items set from views. Pyodide (wasm32) cannot
 * show these: there a step clamps to 2**31 - 1 and strides wrap in 32 bits.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { canonicalResult, runMemoryViewCase, type MemoryViewCase, type MemoryViewCaseResult } from "../oracle/engine-memoryview.ts";

interface FixtureCase extends MemoryViewCase {
  readonly family: "huge steps" | "empty" | "truth";
  readonly expected: MemoryViewCaseResult;
}

const fixture = JSON.parse(readFileSync(new URL("../fixtures/memoryview-lp64.json", import.meta.url), "utf8")) as {
  readonly python: string;
  readonly cases: readonly FixtureCase[];
};

describe(`memoryview agrees with CPython ${fixture.python.split(" ")[0]} on LP64`, () => {
  for (const family of ["huge steps", "empty", "truth"] as const) {
    it(`${family}: every fixture case`, () => {
      const cases = fixture.cases.filter((c) => c.family === family);
      expect(cases.length).toBeGreaterThan(50);
      const mismatches = cases.flatMap(({ family: _, expected, ...script }) => {
        const theirs = canonicalResult(expected);
        const ours = runMemoryViewCase(script, "lp64");
        return isDeepStrictEqual(ours, theirs) ? [] : [{ script, theirs, ours }];
      });
      // All mismatches counted, the first few shown in full.
      expect({ mismatches: mismatches.length, first: mismatches.slice(0, 3) }).toEqual({ mismatches: 0, first: [] });
    });
  }
});
