/**
 * Reading the run's files (baseline, regressions) on Node.js: the reader
 * the CLI and the vitest integration use, and `runConformance` loads when
 * a run names a file.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { ReadText } from "./runtime.ts";

/** Reads `path` (relative to `cwd`) as UTF-8 text. */
export const readTextFile: ReadText = (cwd, path) => readFileSync(isAbsolute(path) ? path : resolve(cwd, path), "utf8");
