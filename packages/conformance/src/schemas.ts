/**
 * Where the JSON Schemas of the suite's files live: shipped in the package
 * (`schemas/*.schema.json`), and named by `$schema` in every file the suite
 * writes, so that editors validate and complete them.
 *
 * @module
 */

import { SUITE_NAME, SUITE_VERSION } from "./version.ts";

function schemaUrl(name: string): string {
  return `https://unpkg.com/${SUITE_NAME}@${SUITE_VERSION}/schemas/${name}.schema.json`;
}

/**
 * The `$schema` URLs of the baseline, regression and JSON report files of
 * this version of the suite.
 *
 * @example
 * ```ts
 * import { SCHEMA_URLS } from "@pybuffer/conformance";
 * SCHEMA_URLS.baseline; // "https://unpkg.com/@pybuffer/conformance@.../schemas/baseline.schema.json" (this version)
 * ```
 *
 * @since 0.1.0
 */
export const SCHEMA_URLS: Readonly<{ baseline: string; regressions: string; report: string }> = Object.freeze({
  baseline: schemaUrl("baseline"),
  regressions: schemaUrl("regressions"),
  report: schemaUrl("report"),
});
