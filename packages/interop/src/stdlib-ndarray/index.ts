/**
 * `@pybuffer/interop/stdlib-ndarray`: `@stdlib/ndarray` arrays as buffer
 * exporters, and any exporter as one. Needs `@stdlib/ndarray` (a peer dependency).
 *
 * @module
 */

export { fromExporter } from "./from-exporter.ts";
export { toExporter, type StdlibToExporterOptions } from "./to-exporter.ts";
export type { StdlibNdarray } from "./stdlib-array.ts";
export { ElementExporter } from "../shared/element-exporter.ts";
export type { CopyPolicy, FromExporterOptions } from "../shared/copy-policy.ts";
