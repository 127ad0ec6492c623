/**
 * The errors for unusable run inputs (no Node.js API here: the browser
 * build throws them too).
 *
 * @module
 */

/**
 * Problems with the run's inputs (options, files): exit code 2 in the CLI.
 *
 * @since 0.1.0
 */
export class ConfigurationError extends Error {
  /** @since 0.1.0 */
  override readonly name = "ConfigurationError";
}

/**
 * An adapter module that cannot be used: not found, not importable, or exporting no adapter.
 *
 * @since 0.1.0
 */
export class AdapterModuleError extends Error {
  /** @since 0.1.0 */
  override readonly name = "AdapterModuleError";
}

/**
 * Worker isolation is not available (running from TypeScript sources without a build, or outside Node.js).
 *
 * @since 0.1.0
 */
export class IsolationUnavailableError extends Error {
  /** @since 0.1.0 */
  override readonly name = "IsolationUnavailableError";
}
