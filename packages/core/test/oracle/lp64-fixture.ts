/**
 * The LP64 golden cases: CPython's answers from a real 64-bit build, written by
 * scripts/gen-struct-fixtures.py into test/fixtures/struct-lp64.json.
 */
import { readFileSync } from "node:fs";
import type { CaseResult, StructCase } from "./tagged.ts";

export interface FixtureCase extends StructCase {
  /** CPython's answer, as struct_oracle.py gives it (numbers in Python's spelling: pass it through canonicalResult). */
  readonly expected: CaseResult;
}

export interface Lp64Fixture {
  /** `sys.version` of the interpreter that answered. */
  readonly python: string;
  readonly seed: number;
  readonly cases: readonly FixtureCase[];
}

export function loadLp64Fixture(): Lp64Fixture {
  return JSON.parse(readFileSync(new URL("../fixtures/struct-lp64.json", import.meta.url), "utf8")) as Lp64Fixture;
}

/** The case without its answer, ready to run. */
export function withoutExpected({ expected: _, ...structCase }: FixtureCase): StructCase {
  return structCase;
}
