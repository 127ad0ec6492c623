/**
 * Just enough of source maps (version 3) to map a generated line to its
 * original file and line: base64 VLQ decoding of `mappings`.
 *
 * @module
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/**
 * Decodes one segment's VLQ fields.
 *
 * @param {string} segment
 * @returns {number[]}
 */
function decodeSegment(segment) {
  /** @type {number[]} */
  const values = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`bad base64 digit ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * For each generated line (0-based), the original [source path, line (1-based)]
 * of its first mapped segment, or undefined.
 *
 * @typedef {(([string, number]) | undefined)[]} LineMap
 */

/** @type {Map<string, LineMap | null>} */
const cache = new Map();

/**
 * The line map of a generated file, from its `.map` next to it; null when there is none.
 *
 * @param {string} generated path of the generated .js file
 * @returns {LineMap | null}
 */
export function lineMapOf(generated) {
  const cached = cache.get(generated);
  if (cached !== undefined) return cached;
  const mapPath = `${generated}.map`;
  /** @type {LineMap | null} */
  let result = null;
  if (existsSync(mapPath)) {
    const map = JSON.parse(readFileSync(mapPath, "utf8"));
    const sources = /** @type {string[]} */ (map.sources).map((s) => resolve(dirname(mapPath), map.sourceRoot ?? "", s));
    /** @type {LineMap} */
    const lines = [];
    let source = 0;
    let originalLine = 0;
    const groups = /** @type {string} */ (map.mappings).split(";");
    for (let line = 0; line < groups.length; line++) {
      const group = /** @type {string} */ (groups[line]);
      if (group === "") continue;
      for (const segment of group.split(",")) {
        const fields = decodeSegment(segment);
        if (fields.length < 4) continue;
        source += /** @type {number} */ (fields[1]);
        originalLine += /** @type {number} */ (fields[2]);
        if (lines[line] === undefined) lines[line] = [/** @type {string} */ (sources[source]), originalLine + 1];
      }
    }
    result = lines;
  }
  cache.set(generated, result);
  return result;
}

/**
 * The original location of a generated line (1-based), if mapped.
 *
 * @param {string} generated
 * @param {number} line 1-based
 * @returns {[string, number] | undefined}
 */
export function originalLine(generated, line) {
  const map = lineMapOf(generated);
  if (map === null) return undefined;
  // A line without a segment of its own (a continuation) maps with the nearest one above.
  for (let l = line - 1; l >= 0 && l >= line - 4; l--) {
    const hit = map[l];
    if (hit !== undefined) return hit;
  }
  return undefined;
}
