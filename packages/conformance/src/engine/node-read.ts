/**
 * Reading the run's files (baseline, regressions) on Node.js: the reader
 * the CLI and the vitest integration use, and `runConformance` loads when
 * a run names a file.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";

/**
 * Reads `path` (relative to `cwd`) as UTF-8 text: runtime.ts's `ReadText`,
 * which loads this module on demand (so it names no type of runtime.ts).
 */
export function readTextFile(cwd: string, path: string): string {
  return readFileSync(isAbsolute(path) ? path : resolve(cwd, path), "utf8");
}
