/**
 * `@pybuffer/interop`: the JavaScript array libraries people already use
 * as Python buffer protocol exporters, and back. Each library has its own
 * subpath, which needs only that library installed:
 *
 * - `@pybuffer/interop/ndarray` (scijs `ndarray`)
 * - `@pybuffer/interop/stdlib-ndarray` (`@stdlib/ndarray`)
 * - `@pybuffer/interop/apache-arrow` (`apache-arrow`)
 *
 * This root entry holds what they share and needs no library: the exporter
 * every `toExporter` returns (usable for any other strided array type) and
 * the options of every `fromExporter`.
 *
 * @module
 */

export { ElementExporter, type ElementLayout } from "./shared/element-exporter.ts";
export type { CopyPolicy, FromExporterOptions } from "./shared/copy-policy.ts";
