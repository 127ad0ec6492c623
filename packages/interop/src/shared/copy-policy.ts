/**
 * What `fromExporter` may do when the exporter's memory cannot be used in
 * place, and the options every `fromExporter` takes.
 *
 * @module
 */

import { ValueError } from "@pybuffer/core";

/**
 * `"never"` (the default): raise `BufferError` saying why the memory cannot
 * be used in place. `"if-needed"`: make a C-order copy instead, and only then.
 *
 * @example
 * ```ts
 * import type { CopyPolicy } from "@pybuffer/interop";
 * const policy: CopyPolicy = "if-needed";
 * ```
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
 */
export interface FromExporterOptions {
  /** Whether a copy is allowed when the layout does not map; default `"never"`. */
  readonly copy?: CopyPolicy;
}

/** The policy of `options`, checked (a hostile or misspelt value is a `ValueError`, not a silent default). */
export function copyPolicyOf(options: FromExporterOptions | undefined, library: string): CopyPolicy {
  const copy = options?.copy ?? "never";
  if (copy !== "never" && copy !== "if-needed") {
    const shown = typeof copy === "string" ? JSON.stringify(copy) : typeof copy;
    throw new ValueError(`${library}.fromExporter: copy must be "never" or "if-needed", not ${shown}`);
  }
  return copy;
}
