/**
 * `@pybuffer/interop/ndarray`: scijs `ndarray` as a buffer exporter, and any
 * exporter as a scijs `ndarray`. Needs the `ndarray` package (a peer dependency).
 *
 * @module
 */

export { fromExporter, type ScijsTypedData } from "./from-exporter.ts";
export { toExporter, type NdarrayToExporterOptions } from "./to-exporter.ts";
export { ElementExporter } from "../shared/element-exporter.ts";
export type { CopyPolicy, FromExporterOptions } from "../shared/copy-policy.ts";
