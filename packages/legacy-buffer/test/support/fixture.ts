/**
 * The golden cases: CPython 2.7.18's answers, written by
 * scripts/gen-fixtures.py into test/fixtures/buffer-py27.json.
 */
import { readFileSync } from "node:fs";

/** An argument as the script encodes it (see encode_arg in the script). */
export type FixtureArg =
  | null
  | boolean
  | number
  | string
  | { readonly int: string }
  | { readonly ref: string }
  | { readonly str: string }
  | { readonly unicode: string }
  | { readonly float: number }
  | { readonly slice: readonly FixtureArg[] }
  | { readonly none: true }
  | { readonly list: true }
  | { readonly object: true }
  | { readonly tuple: true };

/** A result as the script encodes it (see encode_result in the script). */
export type FixtureResult = Readonly<Record<string, unknown>>;

export interface FixtureStep {
  readonly op: string;
  readonly args: readonly FixtureArg[];
  readonly let?: string;
  readonly result: FixtureResult;
}

export interface FixtureCase {
  readonly section: string;
  readonly title: string;
  readonly steps: readonly FixtureStep[];
  /** Set when the package deliberately differs from 2.7 (README, "Divergences"). */
  readonly divergence?: string;
  /** Unicode values may also be JS strings: nothing in the case depends on the code-unit width. */
  readonly jsString?: boolean;
}

export interface CrashCase {
  readonly section: string;
  readonly title: string;
  readonly python: string;
  readonly crash: { readonly signal?: string; readonly exitStatus?: number };
}

export interface Fixture {
  readonly python: string;
  readonly command: string;
  readonly unicodeWidth: number;
  readonly cases: readonly FixtureCase[];
  readonly crashes: readonly CrashCase[];
}

export function loadFixture(): Fixture {
  return JSON.parse(readFileSync(new URL("../fixtures/buffer-py27.json", import.meta.url), "utf8")) as Fixture;
}
