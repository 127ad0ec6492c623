/**
 * `@pybuffer/interop/apache-arrow`: fixed-width Arrow columns as buffer
 * exporters, and any exporter as an Arrow `Vector`. Needs `apache-arrow`
 * (a peer dependency).
 *
 * @module
 */

export { fromExporter } from "./from-exporter.ts";
export { toExporter, type ArrowToExporterOptions } from "./to-exporter.ts";
export type { NullPolicy } from "./column-layout.ts";
export { ElementExporter } from "../shared/element-exporter.ts";
export type { CopyPolicy, FromExporterOptions } from "../shared/copy-policy.ts";
