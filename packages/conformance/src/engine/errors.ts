/**
 * The error for unusable run inputs.
 *
 * @module
 */

/** Problems with the run's inputs (options, files): exit code 2 in the CLI. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}
