/**
 * The JSON report: the {@link ConformanceReport} object, versioned by
 * `reportVersion`, with `$schema` naming the shipped `schemas/report.schema.json`.
 *
 * @module
 */

import { SCHEMA_URLS } from "../schemas.ts";
import type { ConformanceReport } from "./types.ts";

/**
 * The report as JSON text.
 *
 * @since 0.1.0
 */
export function jsonReport(report: ConformanceReport): string {
  return `${JSON.stringify({ $schema: SCHEMA_URLS.report, ...report }, null, 2)}\n`;
}
