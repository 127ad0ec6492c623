/**
 * The regression file: counterexamples pinned as literals, run first on
 * every later run (fast-check `examples`). Seeds do not survive upgrades of
 * the suite or of fast-check; literals do.
 *
 * @module
 */

import type { CaseSpec } from "../model/case.ts";
import { SCHEMA_URLS } from "../schemas.ts";
import { ConfigurationError } from "./errors.ts";
import { describeSchemaProblem, schemaProblems } from "./file-schema.ts";

/** @since 0.1.0 */
export const REGRESSIONS_VERSION = 1;

/**
 * One pinned counterexample.
 *
 * @since 0.1.0
 */
export interface Regression {
  /** @since 0.1.0 */
  readonly adapter: string;
  /** @since 0.1.0 */
  readonly id: string;
  /** @since 0.1.0 */
  readonly case: CaseSpec;
  /**
   * The check it failed when found.
   *
   * @since 0.1.0
   */
  readonly check?: string;
  /**
   * When it was found (ISO date) and with which run seed.
   *
   * @since 0.1.0
   */
  readonly found?: string;
  /** @since 0.1.0 */
  readonly seed?: number;
}

/** @since 0.1.0 */
export interface RegressionFile {
  /** @since 0.1.0 */
  readonly version: typeof REGRESSIONS_VERSION;
  /** @since 0.1.0 */
  readonly regressions: readonly Regression[];
}

/**
 * Parses a regression file.
 *
 * @throws Error naming the problem.
 */
export function parseRegressions(text: string, source: string): RegressionFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  // The shipped schema is the whole check: a regression names no property the catalog must know.
  const problems = [...new Set(schemaProblems("regressions", data).map(describeSchemaProblem))];
  if (problems.length > 0) throw new ConfigurationError(`${source}: invalid regression file\n  - ${problems.join("\n  - ")}`);
  const { regressions } = data as { regressions: Regression[] };
  return { version: REGRESSIONS_VERSION, regressions };
}

/** The pinned cases of one property of one adapter. */
export function examplesFor(file: RegressionFile | undefined, adapter: string, id: string): CaseSpec[] {
  return file === undefined ? [] : file.regressions.filter((r) => r.adapter === adapter && r.id === id).map((r) => r.case);
}

/** Adds new regressions (dropping duplicates), in a stable order. */
export function addRegressions(file: RegressionFile | undefined, added: readonly Regression[]): { file: RegressionFile; added: number } {
  const existing = file?.regressions ?? [];
  const key = (r: Regression): string => `${r.adapter}|${r.id}|${JSON.stringify(r.case)}`;
  const seen = new Set(existing.map(key));
  const fresh = added.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const regressions = [...existing, ...fresh].sort((a, b) => a.adapter.localeCompare(b.adapter) || a.id.localeCompare(b.id));
  return { file: { version: REGRESSIONS_VERSION, regressions }, added: fresh.length };
}

export function formatRegressions(file: RegressionFile): string {
  return `${JSON.stringify({ $schema: SCHEMA_URLS.regressions, ...file }, null, 2)}\n`;
}
