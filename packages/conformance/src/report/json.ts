/**
 * The JSON report: the {@link ConformanceReport} object, versioned by
 * `reportVersion`.
 *
 * @module
 */

import type { ConformanceReport } from "./types.ts";

/** The report as JSON text. */
export function jsonReport(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
