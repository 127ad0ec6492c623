/**
 * The errors for unusable run inputs (no Node.js API here: the browser
 * build throws them too).
 *
 * @module
 */

/** Problems with the run's inputs (options, files): exit code 2 in the CLI. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

/** An adapter module that cannot be used: not found, not importable, or exporting no adapter. */
export class AdapterModuleError extends Error {
  override readonly name = "AdapterModuleError";
}

/** Worker isolation is not available (running from TypeScript sources without a build, or outside Node.js). */
export class IsolationUnavailableError extends Error {
  override readonly name = "IsolationUnavailableError";
}
