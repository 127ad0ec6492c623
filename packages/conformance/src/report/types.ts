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

/**
 * The report format version (bumped on any incompatible change to {@link ConformanceReport}).
 *
 * @since 0.1.0
 */
export const REPORT_VERSION = 1;

/**
 * A property's result after the baseline:
 * - `pass`, `fail`, `error` (the adapter itself threw), `timeout`, `skipped`;
 * - `expected-failure`: failed, and the baseline lists it;
 * - `unexpected-pass`: passed, but the baseline lists it (a stale entry: remove it);
 * - `flaky`: failed, and the baseline lists it as flaky.
 *
 * @since 0.1.0
 */
export type Status = "pass" | "fail" | "error" | "timeout" | "skipped" | "expected-failure" | "unexpected-pass" | "flaky";

/** @since 0.1.0 */
export const STATUSES: readonly Status[] = ["pass", "fail", "error", "timeout", "skipped", "expected-failure", "unexpected-pass", "flaky"];

/**
 * One property of one adapter.
 *
 * @since 0.1.0
 */
export interface PropertyResult {
  /** @since 0.1.0 */
  readonly adapter: string;
  /** @since 0.1.0 */
  readonly id: string;
  /** @since 0.1.0 */
  readonly base: string;
  /** @since 0.1.0 */
  readonly view: ViewKind;
  /** @since 0.1.0 */
  readonly group: Group;
  /** @since 0.1.0 */
  readonly level: Level;
  /**
   * Whether it judged the exporter itself, or core's views derived from its validated records (the consumer group).
   *
   * @since 0.1.0
   */
  readonly judges: Judged;
  /** @since 0.1.0 */
  readonly rule: string;
  /** @since 0.1.0 */
  readonly specRefs: readonly SpecRef[];
  /** @since 0.1.0 */
  readonly status: Status;
  /**
   * The result before the baseline.
   *
   * @since 0.1.0
   */
  readonly outcome: Outcome;
  /**
   * Whether this result fails the run.
   *
   * @since 0.1.0
   */
  readonly gating: boolean;
  /** @since 0.1.0 */
  readonly skip?: SkipInfo;
  /** @since 0.1.0 */
  readonly failure?: FailureInfo;
  /**
   * The baseline entry that decided the status, and a note on how.
   *
   * @since 0.1.0
   */
  readonly baseline?: { readonly entry: string; readonly reason: string; readonly issue?: string; readonly note: string };
  /** @since 0.1.0 */
  readonly durationMs: number;
  /** @since 0.1.0 */
  readonly cases: number;
  /** @since 0.1.0 */
  readonly notApplicable: Readonly<Record<string, number>>;
  /** @since 0.1.0 */
  readonly mutedHits: Readonly<Record<string, number>>;
}

/**
 * One adapter's results.
 *
 * @since 0.1.0
 */
export interface AdapterReport {
  /** @since 0.1.0 */
  readonly name: string;
  /** @since 0.1.0 */
  readonly version?: string;
  /** @since 0.1.0 */
  readonly homepage?: string;
  /** @since 0.1.0 */
  readonly issues?: string;
  /**
   * The module the adapter came from, when loaded by path.
   *
   * @since 0.1.0
   */
  readonly module?: string;
  /** @since 0.1.0 */
  readonly capabilities: Capabilities;
  /**
   * How raw answers were obtained: the exporter's own method, or the adapter's
   * `getBuffer` hook (derived coverage: the hook answers for the exporter).
   *
   * @since 0.1.0
   */
  readonly rawAccess: "exporter method" | "adapter getBuffer hook";
  /** @since 0.1.0 */
  readonly durationMs: number;
  /**
   * Adapter-level errors: setup threw, the manifest changed during the run, the worker died.
   *
   * @since 0.1.0
   */
  readonly errors: readonly string[];
  /** @since 0.1.0 */
  readonly results: readonly PropertyResult[];
}

/**
 * Counts by status, plus what gates.
 *
 * @since 0.1.0
 */
export type Summary = Record<Status, number> & {
  readonly gating: number;
  readonly staleEntries: number;
  readonly adapterErrors: number;
  /** Results that ran (not skipped) and judged the exporter itself, and how many of them passed. */
  readonly exporterJudged: { readonly ran: number; readonly passed: number };
  /** Results of the consumer group (core's views over the exporter's validated records) that ran, and passed. */
  readonly consumerGroup: { readonly ran: number; readonly passed: number };
};

/**
 * The whole run.
 *
 * @since 0.1.0
 */
export interface ConformanceReport {
  /** @since 0.1.0 */
  readonly reportVersion: typeof REPORT_VERSION;
  /** @since 0.1.0 */
  readonly suite: {
    readonly name: string;
    readonly version: string;
    /** The property contract version: which ids, levels and checks exist. */
    readonly contract: number;
    readonly implements: readonly string[];
  };
  /** @since 0.1.0 */
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
  /**
   * `pass`: nothing gates; `fail`: a gating failure or stale entry; `unknown`: only errors (the run cannot be trusted).
   *
   * @since 0.1.0
   */
  readonly verdict: "pass" | "fail" | "unknown";
  /** @since 0.1.0 */
  readonly summary: Summary;
  /**
   * Baseline entries that matched no failure (group entries, or entries on properties that did not run).
   *
   * @since 0.1.0
   */
  readonly staleEntries: readonly BaselineEntry[];
  /** @since 0.1.0 */
  readonly adapters: readonly AdapterReport[];
}
