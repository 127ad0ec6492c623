/**
 * The results: rows of cells, ratios and missed targets; printed as a
 * Markdown table (readable on a console, pasteable into a README) and
 * written as JSON.
 *
 * @module
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** The column keys, in table order. */
export const COLUMNS = /** @type {const} */ (["ours", "cpython", "pyodide", "floor"]);

/** Ratios every case must meet (ours / column, at most). */
export const DEFAULT_TARGETS = Object.freeze({ cpython: 1, pyodide: 0.2 });

/** A flat case may grow at most this much from its smallest to its largest size. */
export const FLAT_TOLERANCE = 1.5;

/**
 * One cell: a median, or why there is none.
 *
 * @typedef {{ status: "ok", medianMs: number, minMs: number, maxMs: number, samples: number, inner: number }
 *   | { status: "skipped" | "error" | "absent" | "unavailable", reason: string }} Cell
 */

/**
 * @typedef {object} Row
 * @property {string} case
 * @property {string} group
 * @property {string} unit
 * @property {number} size
 * @property {Record<(typeof COLUMNS)[number], Cell>} cells
 * @property {Record<"cpython" | "pyodide" | "floor", number | null>} ratios  ours / column
 * @property {string[]} misses  targets this row does not meet
 */

/**
 * Fills in the ratios and missed targets of a row.
 *
 * @param {Row} row
 * @param {{ cpython?: number, pyodide?: number, floor?: number }} targets
 * @returns {Row}
 */
export function score(row, targets) {
  const ours = row.cells.ours;
  for (const key of /** @type {const} */ (["cpython", "pyodide", "floor"])) {
    const other = row.cells[key];
    row.ratios[key] = ours.status === "ok" && other.status === "ok" && other.medianMs > 0 ? ours.medianMs / other.medianMs : null;
  }
  const all = { ...DEFAULT_TARGETS, ...targets };
  for (const key of /** @type {const} */ (["cpython", "pyodide", "floor"])) {
    const limit = all[key];
    const ratio = row.ratios[key];
    if (limit !== undefined && ratio !== null && ratio > limit) {
      row.misses.push(`${SHORT[key]} ${formatRatio(ratio)} > ${limit}`);
    }
  }
  return row;
}

const SHORT = { cpython: "/CPy", pyodide: "/Pyo", floor: "/floor" };

/**
 * The Markdown table.
 *
 * @param {Row[]} rows
 * @param {{ cpython: string, pyodide: string }} labels  column headings for the Python columns
 * @returns {string}
 */
export function formatTable(rows, labels) {
  const header = ["case", "n", "ours", labels.cpython, labels.pyodide, "floor", "ours/CPython", "ours/Pyodide", "ours/floor", "missed targets"];
  const body = rows.map((row) => [
    row.case,
    formatSize(row.size, row.unit),
    formatCell(row.cells.ours),
    formatCell(row.cells.cpython),
    formatCell(row.cells.pyodide),
    formatCell(row.cells.floor),
    row.ratios.cpython === null ? "-" : formatRatio(row.ratios.cpython),
    row.ratios.pyodide === null ? "-" : formatRatio(row.ratios.pyodide),
    row.ratios.floor === null ? "-" : formatRatio(row.ratios.floor),
    row.misses.join("; "),
  ]);
  const numeric = [false, true, true, true, true, true, true, true, true, false];
  if (rows.every((row) => row.misses.length === 0)) {
    header.pop();
    numeric.pop();
    for (const line of body) line.pop();
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => /** @type {string} */ (line[i]).length)));
  /** @param {string[]} cells */
  const line = (cells) =>
    `| ${cells.map((cell, i) => (numeric[i] ? cell.padStart(/** @type {number} */ (widths[i])) : cell.padEnd(/** @type {number} */ (widths[i])))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...body.map(line)].join("\n");
}

/**
 * @param {Cell} cell
 * @returns {string}
 */
export function formatCell(cell) {
  return cell.status === "ok" ? formatTime(cell.medianMs) : cell.status;
}

/**
 * Three significant digits, in ns, µs, ms or s.
 *
 * @param {number} ms
 * @returns {string}
 */
export function formatTime(ms) {
  if (!Number.isFinite(ms)) return String(ms);
  const [value, unit] = ms >= 1000 ? [ms / 1000, "s"] : ms >= 1 ? [ms, "ms"] : ms >= 1e-3 ? [ms * 1e3, "µs"] : [ms * 1e6, "ns"];
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${unit}`;
}

/**
 * @param {number} ratio
 * @returns {string}
 */
export function formatRatio(ratio) {
  return ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2);
}

/**
 * "10^3", or the number itself when it is not a power of ten.
 *
 * @param {number} size
 * @param {string} unit
 * @returns {string}
 */
export function formatSize(size, unit) {
  if (!Number.isFinite(size)) return "-";
  const exponent = Math.log10(size);
  const text = Number.isInteger(exponent) && exponent >= 2 ? `10^${exponent}` : String(size);
  return unit === "items" ? text : `${text} ${unit === "records" ? "rec" : unit === "bytes" ? "B" : unit}`;
}

/**
 * Writes the JSON report, creating the directory.
 *
 * @param {string} path
 * @param {unknown} report
 */
export function writeJson(path, report) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
