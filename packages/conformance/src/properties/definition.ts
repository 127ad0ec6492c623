/**
 * What a property is: its level, its group, the information reports and the
 * README show, and the runnable definition the engine calls; and the base
 * definitions the catalog derives every view's property from.
 *
 * @module
 */

import type { Capabilities } from "../adapter/types.ts";
import type { CaseSpec, ViewKind } from "../model/case.ts";
import type { PropertyContext } from "./context.ts";
import type { SpecRef } from "./spec-refs.ts";

/**
 * MUST properties gate a run; SHOULD and MAY ones run and are reported, never gate.
 *
 * @since 0.1.0
 */
export type Level = "MUST" | "SHOULD" | "MAY";

/** @since 0.1.0 */
export type Group = "adapter" | "getbuf" | "record" | "consumer" | "content" | "lifetime";

/**
 * What the report and the README say about a property.
 *
 * @since 0.1.0
 */
export interface PropertyInfo {
  /**
   * Full id: the base id, prefixed with `<view>/` for a derived view.
   *
   * @since 0.1.0
   */
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
   * The rule, in one sentence.
   *
   * @since 0.1.0
   */
  readonly rule: string;
  /** @since 0.1.0 */
  readonly specRefs: readonly SpecRef[];
  /**
   * Check names: a failure names one, and a baseline entry may name `<id>:<check>`.
   *
   * @since 0.1.0
   */
  readonly checks: readonly string[];
  /**
   * Whom the property judges: `exporter` (its answers, records, items and
   * lifetime), or `consumer` (core's memoryview views derived from a record
   * the exporter properties already validated: the consumer group, reported
   * apart from the exporter's own count).
   *
   * @since 0.1.0
   */
  readonly judges: Judged;
}

/**
 * See {@link PropertyInfo.judges}.
 *
 * @since 0.1.0
 */
export type Judged = "exporter" | "consumer";

/** A runnable property. */
export interface PropertyDefinition extends PropertyInfo {
  /**
   * What its fast-check seed derives from: the id, or the group (`raw`,
   * `content`, per view) whose members share cases and their evaluation.
   */
  readonly seedKey: string;
  /** Why this manifest rules the property out, or `null` when it applies. */
  readonly skipReason: (caps: Capabilities) => string | null;
  /** One case; throws a CheckFailure to fail. */
  readonly body: (ctx: PropertyContext, spec: CaseSpec) => void;
}

/** A base property, as written in the catalog: run on the exporter and, when `views` says so, on derived views. */
export interface BaseDefinition {
  readonly id: string;
  readonly group: Group;
  readonly level: Level;
  readonly rule: string;
  readonly specRefs: readonly SpecRef[];
  readonly checks: readonly string[];
  readonly views: readonly ViewKind[];
  readonly requires?: (caps: Capabilities, view: ViewKind) => string | null;
  readonly body: (ctx: PropertyContext, spec: CaseSpec) => void;
}

/** Base properties that run on every view of memoryview(exporter) as well as on the exporter. */
export const ALL_VIEWS: readonly ViewKind[] = ["exporter", "slice", "cast", "readonly"];
/** Base properties that judge the exporter alone. */
export const EXPORTER: readonly ViewKind[] = ["exporter"];

