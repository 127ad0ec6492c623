/**
 * The versioned report: what `runConformance` returns, what `--report json`
 * writes, and what the JUnit and text reports are made from.
 *
 * @module
 */

import type { Capabilities } from "../adapter/types.ts";
import type { BaselineEntry } from "../engine/baseline.ts";
import type { FailureInfo, Outcome, SkipInfo } from "../engine/run-property.ts";
import type { Group, Judged, Level } from "../properties/definition.ts";
import type { SpecRef } from "../properties/spec-refs.ts";
import type { ViewKind } from "../model/case.ts";

/** The report format version (bumped on any incompatible change to {@link ConformanceReport}). */
export const REPORT_VERSION = 1;

/**
 * A property's result after the baseline:
 * - `pass`, `fail`, `error` (the adapter itself threw), `timeout`, `skipped`;
 * - `expected-failure`: failed, and the baseline lists it;
 * - `unexpected-pass`: passed, but the baseline lists it (a stale entry: remove it);
 * - `flaky`: failed, and the baseline lists it as flaky.
 */
export type Status = "pass" | "fail" | "error" | "timeout" | "skipped" | "expected-failure" | "unexpected-pass" | "flaky";

export const STATUSES: readonly Status[] = ["pass", "fail", "error", "timeout", "skipped", "expected-failure", "unexpected-pass", "flaky"];

/** One property of one adapter. */
export interface PropertyResult {
  readonly adapter: string;
  readonly id: string;
  readonly base: string;
  readonly view: ViewKind;
  readonly group: Group;
  readonly level: Level;
  /** Whether it judged the exporter itself, or core's views derived from its validated records (the consumer group). */
  readonly judges: Judged;
  readonly rule: string;
  readonly specRefs: readonly SpecRef[];
  readonly status: Status;
  /** The result before the baseline. */
  readonly outcome: Outcome;
  /** Whether this result fails the run. */
  readonly gating: boolean;
  readonly skip?: SkipInfo;
  readonly failure?: FailureInfo;
  /** The baseline entry that decided the status, and a note on how. */
  readonly baseline?: { readonly entry: string; readonly reason: string; readonly issue?: string; readonly note: string };
  readonly durationMs: number;
  readonly cases: number;
  readonly notApplicable: Readonly<Record<string, number>>;
  readonly mutedHits: Readonly<Record<string, number>>;
}

/** One adapter's results. */
export interface AdapterReport {
  readonly name: string;
  readonly version?: string;
  readonly homepage?: string;
  readonly issues?: string;
  /** The module the adapter came from, when loaded by path. */
  readonly module?: string;
  readonly capabilities: Capabilities;
  /**
   * How raw answers were obtained: the exporter's own method, or the adapter's
   * `getBuffer` hook (derived coverage: the hook answers for the exporter).
   */
  readonly rawAccess: "exporter method" | "adapter getBuffer hook";
  readonly durationMs: number;
  /** Adapter-level errors: setup threw, the manifest changed during the run, the worker died. */
  readonly errors: readonly string[];
  readonly results: readonly PropertyResult[];
}

/** Counts by status, plus what gates. */
export type Summary = Record<Status, number> & {
  readonly gating: number;
  readonly staleEntries: number;
  readonly adapterErrors: number;
  /** Results that ran (not skipped) and judged the exporter itself, and how many of them passed. */
  readonly exporterJudged: { readonly ran: number; readonly passed: number };
  /** Results of the consumer group (core's views over the exporter's validated records) that ran, and passed. */
  readonly consumerGroup: { readonly ran: number; readonly passed: number };
};

/** The whole run. */
export interface ConformanceReport {
  readonly reportVersion: typeof REPORT_VERSION;
  readonly suite: {
    readonly name: string;
    readonly version: string;
    /** The property contract version: which ids, levels and checks exist. */
    readonly contract: number;
    readonly implements: readonly string[];
  };
  readonly run: {
    readonly seed: number;
    readonly profile: "quick" | "full";
    readonly numRuns: number;
    readonly timeoutMs: number;
    /** The whole run's budget. */
    readonly maxDurationMs: number;
    readonly isolation: "worker" | "none";
    readonly startedAt: string;
    readonly durationMs: number;
    readonly node: string;
    readonly platform: string;
    readonly arch: string;
    readonly endianness: "LE" | "BE";
    readonly baseline: string | null;
    readonly regressions: string | null;
    readonly filters: { readonly properties: readonly string[]; readonly adapters: readonly string[]; readonly level: Level };
  };
  /** `pass`: nothing gates; `fail`: a gating failure or stale entry; `unknown`: only errors (the run cannot be trusted). */
  readonly verdict: "pass" | "fail" | "unknown";
  readonly summary: Summary;
  /** Baseline entries that matched no failure (group entries, or entries on properties that did not run). */
  readonly staleEntries: readonly BaselineEntry[];
  readonly adapters: readonly AdapterReport[];
}
