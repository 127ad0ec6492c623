// @ts-check
/**
 * The Pyodide the tests and the conformance adapters run on: the installed
 * `pyodide` (the version the repository pins), or, when the environment
 * variable `PYBUFFER_PYODIDE_DIR` names a directory holding another
 * version's npm package (unpacked), that one: `scripts/version-matrix.mjs`
 * runs the tests over each version this way.
 *
 * @module
 */

import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadPyodide } from "pyodide";

/** @typedef {import("pyodide").PyodideAPI} PyodideAPI */

/** The directory of the Pyodide under test, or `undefined` for the installed one. */
export function pyodideDirectory() {
  const directory = process.env["PYBUFFER_PYODIDE_DIR"];
  return directory === undefined || directory === "" ? undefined : isAbsolute(directory) ? directory : resolve(directory);
}

/**
 * Loads the Pyodide under test (offline: its files are all in its directory).
 *
 * @returns {Promise<PyodideAPI>}
 */
export async function loadPyodideUnderTest() {
  const directory = pyodideDirectory();
  if (directory === undefined) return loadPyodide();
  /** @type {{ loadPyodide: typeof loadPyodide }} */
  const module = await import(pathToFileURL(join(directory, "pyodide.mjs")).href);
  return module.loadPyodide({ indexURL: join(directory, "/") });
}
