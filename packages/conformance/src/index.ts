/**
 * `@pybuffer/conformance`: the property-based conformance suite for Python
 * buffer protocol (PEP 3118) exporters in JavaScript. Write an adapter (a
 * factory and a capability manifest), then run the suite from the CLI
 * (`pybuffer-conformance run ./adapter.js`), from code
 * (`runConformance(adapter)`), or inside vitest
 * (`describeConformance(adapter)` from `@pybuffer/conformance/vitest`).
 *
 * @module
 */

import type { ConformanceAdapter } from "./adapter/types.ts";

export type { Capabilities, ConformanceAdapter, ExporterDescription, ExporterInstance, InstanceAdapter, InstanceArbitrary, Layout } from "./adapter/types.ts";
export { AdapterDefinitionError, validateAdapter, type ValidatedAdapter } from "./adapter/validate.ts";
export { unsupported, type Unsupported } from "./adapter/unsupported.ts";
export { CAPABILITY_PRESETS, presetCapabilities, type CapabilityPreset } from "./adapter/presets.ts";
export { ConfigurationError, runConformance } from "./engine/run.ts";
export type { RunEvent, RunOptions } from "./engine/run-options.ts";
export { replay, type ReplayOptions } from "./engine/replay.ts";
export { AdapterModuleError, IsolationUnavailableError } from "./engine/errors.ts";
export type { FailureInfo, Outcome, SkipInfo } from "./engine/run-property.ts";
export {
  BASELINE_VERSION,
  BaselineError,
  EMPTY_BASELINE,
  formatBaseline,
  parseBaseline,
  validateBaseline,
  type Baseline,
  type BaselineEntry,
} from "./engine/baseline.ts";
export { baselineFromReport, TODO_REASON, type BaselineUpdate } from "./engine/baseline-write.ts";
export { REGRESSIONS_VERSION, type Regression, type RegressionFile } from "./engine/regressions.ts";
export { PROFILES, type Profile } from "./model/arbitraries.ts";
export type { CaseSpec, DescribedCase, InstanceCase, ViewKind, ViewSpec } from "./model/case.ts";
export { listProperties } from "./properties/catalog.ts";
export type { Group, Judged, Level, PropertyInfo } from "./properties/definition.ts";
export type { SpecRef } from "./properties/spec-refs.ts";
export { consoleReporter, describeResult, type ConsoleOptions, type ConsoleReporter } from "./report/console.ts";
export { htmlReport, type HtmlOptions } from "./report/html.ts";
export { jsonReport } from "./report/json.ts";
export { junitReport } from "./report/junit.ts";
export { textReport } from "./report/text.ts";
export { REPORT_VERSION, STATUSES, type AdapterReport, type ConformanceReport, type PropertyResult, type Status, type Summary } from "./report/types.ts";
export { CONTRACT_VERSION, IMPLEMENTS, SUITE_NAME, SUITE_VERSION } from "./version.ts";
export { SCHEMA_URLS } from "./schemas.ts";

/**
 * Types an adapter (an identity function: handy in JavaScript with JSDoc, or
 * to infer the exporter type in TypeScript).
 *
 * @example
 * ```ts
 * import { defineAdapter } from "@pybuffer/conformance";
 * import matrixAdapter from "./conformance.adapter.js";
 * // Another adapter's factory under a narrower manifest: C order only.
 * const adapter = defineAdapter({ ...matrixAdapter, name: "matrix-c", capabilities: { ...matrixAdapter.capabilities, layouts: ["C"] } });
 * adapter.capabilities.layouts; // ["C"]
 * ```
 *
 * @since 0.1.0
 */
export function defineAdapter<E extends object>(adapter: ConformanceAdapter<E>): ConformanceAdapter<E> {
  return adapter;
}
