/**
 * What this suite is: its name and version (from package.json), the version
 * of its property contract, and the protocol it implements.
 *
 * @module
 */

// A JSON module rather than a file read, so that browsers and bundlers load it too.
import manifest from "../package.json" with { type: "json" };

/**
 * The package name.
 *
 * @since 0.1.0
 */
export const SUITE_NAME: string = manifest.name;

/**
 * The package version.
 *
 * @since 0.1.0
 */
export const SUITE_VERSION: string = manifest.version;

/**
 * The property contract: which ids exist, their levels and their checks.
 * Bumped when a MUST property is added or a level or check changes meaning;
 * a major release of the package (see the README, "Versioning").
 *
 * @since 0.1.0
 */
export const CONTRACT_VERSION = 2;

/**
 * The behaviour the properties encode.
 *
 * @since 0.1.0
 */
export const IMPLEMENTS: readonly string[] = Object.freeze(["CPython 3.14 buffer protocol (PEP 3118)", "CPython 3.14 memoryview"]);
