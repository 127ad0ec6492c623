/**
 * What `fromExporter` may do when the exporter's memory cannot be used in
 * place, and the options every `fromExporter` takes.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionChecks } from "@pybuffer/core/internal";

/**
 * `"never"` (the default): raise `BufferError` saying why the memory cannot
 * be used in place. `"if-needed"`: make a C-order copy instead, and only then.
 *
 * @example
 * ```ts
 * import type { CopyPolicy } from "@pybuffer/interop";
 * const policy: CopyPolicy = "if-needed";
 * ```
 *
 * @since 0.1.0
 */
export type CopyPolicy = "never" | "if-needed";

/**
 * Options of every `fromExporter`.
 *
 * @example
 * ```ts
 * import type { FromExporterOptions } from "@pybuffer/interop";
 * const options: FromExporterOptions = { copy: "if-needed" };
 * ```
 *
 * @since 0.1.0
 */
export interface FromExporterOptions {
  /**
   * Whether a copy is allowed when the layout does not map; default `"never"`.
   *
   * @since 0.1.0
   */
  readonly copy?: CopyPolicy;
}

const FROM_EXPORTER_OPTIONS: OptionChecks<FromExporterOptions> = { copy: optionChecks.oneOf("never", "if-needed") };

/**
 * The policy of `options`, read once through core's options check: options
 * that are not a plain object of known options are a `TypeError`, a `copy`
 * that is not one of the policies a `ValueError`, never a silent default.
 */
export function copyPolicyOf(options: unknown, library: string): CopyPolicy {
  return readOptions(options, `${library}.fromExporter`, FROM_EXPORTER_OPTIONS).copy ?? "never";
}
