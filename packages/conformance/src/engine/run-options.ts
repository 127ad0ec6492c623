/**
 * The one definition of the run options: their type (with the progress
 * events a run reports), their names in code and on the command line, how
 * the CLI reads each from text, and the check each value must pass. `runConformance`, `describeConformance` and the CLI all check
 * options through it, so the three cannot drift.
 *
 * @module
 */

import type { Profile } from "../model/arbitraries.ts";
import type { Level } from "../properties/definition.ts";
import type { AdapterReport, PropertyResult } from "../report/types.ts";
import type { Baseline } from "./baseline.ts";

/**
 * Options of {@link runConformance}.
 *
 * @since 0.1.0
 */
export interface RunOptions {
  /**
   * The run seed; default `CONFORMANCE_SEED`, else random. Printed first and written to the report.
   *
   * @since 0.1.0
   */
  readonly seed?: number;
  /**
   * `quick` (default) or `full`: case counts and size limits.
   *
   * @since 0.1.0
   */
  readonly profile?: "quick" | "full";
  /**
   * Cases per property (overrides the profile).
   *
   * @since 0.1.0
   */
  readonly numRuns?: number;
  /**
   * Budget per property in milliseconds (default 30 000).
   *
   * @since 0.1.0
   */
  readonly timeoutMs?: number;
  /**
   * Budget of the whole run in milliseconds (default 600 000, inside a
   * 15-minute CI job): properties not started when it runs out are skipped
   * (kind `budget`) and the run cannot pass; reports are still written.
   *
   * @since 0.1.0
   */
  readonly maxDurationMs?: number;
  /**
   * Only properties whose id matches one of these globs (`*` matches anything).
   *
   * @since 0.1.0
   */
  readonly properties?: readonly string[];
  /**
   * Only adapters whose name matches one of these globs.
   *
   * @since 0.1.0
   */
  readonly adapters?: readonly string[];
  /**
   * The lowest requirement level to run: `MAY` (default, everything), `SHOULD`, or `MUST`.
   *
   * @since 0.1.0
   */
  readonly level?: Level;
  /**
   * A baseline object, or the path of a baseline file.
   *
   * @since 0.1.0
   */
  readonly baseline?: Baseline | string;
  /**
   * The path of a regression file: its cases run first.
   *
   * @since 0.1.0
   */
  readonly regressions?: string;
  /**
   * `worker` runs each adapter in a worker thread with a hard deadline per
   * property (adapter modules only; the default for them); `none` runs in
   * this thread (the default for adapter objects), where a synchronous
   * infinite loop cannot be interrupted.
   *
   * @since 0.1.0
   */
  readonly isolation?: "worker" | "none";
  /**
   * Progress events, for live reporting.
   *
   * @since 0.1.0
   */
  readonly onEvent?: (event: RunEvent) => void;
  /**
   * Working directory for relative paths (default `process.cwd()`).
   *
   * @since 0.1.0
   */
  readonly cwd?: string;
  /**
   * Environment for `CONFORMANCE_SEED` (default `process.env`).
   *
   * @since 0.1.0
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Progress of a run.
 *
 * @since 0.1.0
 */
export type RunEvent =
  | { readonly type: "run-start"; readonly seed: number; readonly profile: Profile; readonly numRuns: number; readonly timeoutMs: number; readonly isolation: "worker" | "none"; readonly adapters: readonly string[] }
  | { readonly type: "adapter-start"; readonly adapter: string; readonly index: number; readonly count: number; readonly properties: number }
  | { readonly type: "property-end"; readonly adapter: string; readonly result: PropertyResult; readonly done: number; readonly total: number }
  | { readonly type: "adapter-end"; readonly adapter: AdapterReport }
  | { readonly type: "warning"; readonly message: string };

/** One run option. */
export interface RunOptionSpec {
  /** The key in `RunOptions`. */
  readonly key: string;
  /** The command-line flag, without `--`. */
  readonly flag: string;
  /** The value's name in `--help`. */
  readonly placeholder: string;
  /** Whether the flag may be given more than once (the option is then an array). */
  readonly multiple: boolean;
  readonly help: string;
  /** The option's value from command-line text; throws an Error whose message says what is wrong. */
  readonly fromText: (text: string) => unknown;
  /** What is wrong with a value given in code, or `null`. */
  readonly check: (value: unknown) => string | null;
}

const LEVELS: Readonly<Record<string, Level>> = { must: "MUST", should: "SHOULD", may: "MAY" };

function integerText(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text)) throw new Error(`--${flag} must be an integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

function oneOf(choices: readonly string[]): (value: unknown) => string | null {
  return (value) => (typeof value === "string" && choices.includes(value) ? null : `must be ${choices.join(" or ")}, got ${JSON.stringify(value)}`);
}

const positive = (unit: string) => (value: unknown): string | null =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? null : `must be a positive number of ${unit}, got ${JSON.stringify(value)}`;

const strings = (value: unknown): string | null =>
  Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "") ? null : "must be an array of non-empty strings";

/** Every run option, in `--help` order. */
export const RUN_OPTIONS: readonly RunOptionSpec[] = [
  {
    key: "seed",
    flag: "seed",
    placeholder: "<int>",
    multiple: false,
    help: "Run seed (default: $CONFORMANCE_SEED, else random). Printed first.",
    fromText: (t) => integerText("seed", t),
    check: (v) => (Number.isSafeInteger(v) ? null : `must be an integer, got ${JSON.stringify(v)}`),
  },
  {
    key: "profile",
    flag: "profile",
    placeholder: "quick|full",
    multiple: false,
    help: "Case counts and sizes (default quick).",
    fromText: (t) => t,
    check: oneOf(["quick", "full"]),
  },
  {
    key: "numRuns",
    flag: "num-runs",
    placeholder: "<n>",
    multiple: false,
    help: "Cases per property (overrides the profile).",
    fromText: (t) => integerText("num-runs", t),
    check: (v) => (Number.isSafeInteger(v) && (v as number) >= 1 ? null : `must be a positive integer, got ${JSON.stringify(v)}`),
  },
  {
    key: "timeoutMs",
    flag: "timeout",
    placeholder: "<ms>",
    multiple: false,
    help: "Budget per property (default 30000); a hung property fails.",
    fromText: (t) => integerText("timeout", t),
    check: positive("milliseconds"),
  },
  {
    key: "maxDurationMs",
    flag: "max-duration",
    placeholder: "<seconds>",
    multiple: false,
    help: "Budget of the whole run (default 600); what did not start is skipped (budget), the run cannot pass, reports are written.",
    fromText: (t) => integerText("max-duration", t) * 1000,
    check: positive("milliseconds"),
  },
  {
    key: "baseline",
    flag: "baseline",
    placeholder: "<file>",
    multiple: false,
    help: "Known failures, flaky and skipped properties.",
    fromText: (t) => t,
    check: (v) => (typeof v === "string" || (typeof v === "object" && v !== null) ? null : "must be a file path or a baseline object"),
  },
  {
    key: "regressions",
    flag: "regressions",
    placeholder: "<file>",
    multiple: false,
    help: "Pinned counterexamples: run first; new failures are added.",
    fromText: (t) => t,
    check: (v) => (typeof v === "string" ? null : "must be a file path"),
  },
  {
    key: "adapters",
    flag: "adapter",
    placeholder: "<glob>",
    multiple: true,
    help: "Only adapters whose name matches (repeatable; a pattern matching none is an error).",
    fromText: (t) => t,
    check: strings,
  },
  {
    key: "properties",
    flag: "property",
    placeholder: "<glob>",
    multiple: true,
    help: "Only properties whose id matches (repeatable, alias --filter; a pattern matching none is an error).",
    fromText: (t) => t,
    check: strings,
  },
  {
    key: "level",
    flag: "level",
    placeholder: "must|should|may",
    multiple: false,
    help: "Lowest requirement level to run (default may: everything).",
    fromText: (t) => {
      const level = LEVELS[t.toLowerCase()];
      if (level === undefined) throw new Error(`--level must be must, should or may, got ${JSON.stringify(t)}`);
      return level;
    },
    check: oneOf(["MUST", "SHOULD", "MAY"]),
  },
  {
    key: "isolation",
    flag: "isolation",
    placeholder: "worker|none",
    multiple: false,
    help: "Run each adapter in a worker with a hard deadline (default worker for modules).",
    fromText: (t) => t,
    check: oneOf(["worker", "none"]),
  },
];

/** The first problem of `options` against {@link RUN_OPTIONS}, as `key problem`, or `null`. */
export function runOptionsProblem(options: Readonly<Record<string, unknown>>): string | null {
  for (const spec of RUN_OPTIONS) {
    const value = options[spec.key];
    if (value === undefined) continue;
    const problem = spec.check(value);
    if (problem !== null) return `${spec.key} (--${spec.flag}) ${problem}`;
  }
  return null;
}
