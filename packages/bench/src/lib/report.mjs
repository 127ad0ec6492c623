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
export const COLUMNS = /** @type {const} */ (["ours", "peer", "cpython", "pyodide", "floor"]);

/** The columns ours is compared with. */
export const OTHERS = /** @type {const} */ (["peer", "cpython", "pyodide", "floor"]);

/** Ratios every case must meet (ours / column, at most). */
export const DEFAULT_TARGETS = Object.freeze({ cpython: 1, pyodide: 1, peer: 1 });

/** A flat case may grow at most this much from its smallest to its largest size. */
export const FLAT_TOLERANCE = 1.5;

/**
 * One cell: the median of its samples, or why there is none.
 *
 * @typedef {{ status: "ok", medianMs: number, minMs: number, maxMs: number, samples: number, inner: number }
 *   | { status: "skipped" | "error" | "absent" | "unavailable", reason: string }} Cell
 */

/**
 * Ours over another column: the median of the per-round ratios, with their
 * quartiles and extremes (the spread), over `rounds` rounds.
 *
 * @typedef {{ median: number, q1: number, q3: number, min: number, max: number, rounds: number }} Ratio
 */

/**
 * @typedef {object} Row
 * @property {string} case
 * @property {string} group
 * @property {string} unit
 * @property {number} size
 * @property {string} [peerLabel]  what the JS peer column runs in this row
 * @property {string} [pythonLabel]  what the CPython column runs in this row when it is not the run's CPython (NumPy's version)
 * @property {Record<(typeof COLUMNS)[number], Cell>} cells
 * @property {Record<(typeof OTHERS)[number], Ratio | null>} ratios  ours / column
 * @property {string[]} misses  targets this row does not meet
 */

/**
 * Fills in the missed targets of a row from its ratios (medians of the
 * per-round ratios).
 *
 * @param {Row} row
 * @param {{ cpython?: number, pyodide?: number, floor?: number, peer?: number }} targets
 * @returns {Row}
 */
export function score(row, targets) {
  /** @type {Record<string, number | undefined>} */
  const all = { ...DEFAULT_TARGETS, ...targets };
  for (const key of OTHERS) {
    const limit = all[key];
    const ratio = row.ratios[key];
    if (limit !== undefined && ratio !== null && ratio.median > limit) {
      row.misses.push(`${SHORT[key]} ${formatRatio(ratio.median)} > ${limit}`);
    }
  }
  return row;
}

const SHORT = { peer: "/peer", cpython: "/CPy", pyodide: "/Pyo", floor: "/floor" };

/**
 * The Markdown table. Ratios are medians of per-round ratios; ours/CPython
 * also shows their interquartile range. The JS peer columns appear only when
 * some row has a peer.
 *
 * @param {Row[]} rows
 * @param {{ cpython: string, pyodide: string }} labels  column headings for the Python columns
 * @returns {string}
 */
export function formatTable(rows, labels) {
  const ratio = (/** @type {Ratio | null} */ r) => (r === null ? "-" : formatRatio(r.median));
  const spread = (/** @type {Ratio | null} */ r) => (r === null ? "-" : `${formatRatio(r.median)} (${formatRatio(r.q1)}-${formatRatio(r.q3)})`);
  /** @type {{ header: string, numeric: boolean, cell: (row: Row) => string, optional?: "peer" | "misses" }[]} */
  const columns = [
    { header: "case", numeric: false, cell: (row) => row.case },
    { header: "n", numeric: true, cell: (row) => formatSize(row.size, row.unit) },
    { header: "ours", numeric: true, cell: (row) => formatCell(row.cells.ours) },
    { header: "JS peer", numeric: false, cell: (row) => (row.cells.peer.status === "ok" ? `${formatTime(row.cells.peer.medianMs)} ${row.peerLabel ?? ""}`.trim() : "-"), optional: "peer" },
    { header: labels.cpython, numeric: true, cell: (row) => (row.cells.cpython.status === "ok" && row.pythonLabel !== undefined ? `${formatTime(row.cells.cpython.medianMs)} ${row.pythonLabel}` : formatCell(row.cells.cpython)) },
    { header: labels.pyodide, numeric: true, cell: (row) => formatCell(row.cells.pyodide) },
    { header: "floor", numeric: true, cell: (row) => formatCell(row.cells.floor) },
    { header: "ours/peer", numeric: true, cell: (row) => ratio(row.ratios.peer), optional: "peer" },
    { header: "ours/CPython (IQR)", numeric: true, cell: (row) => spread(row.ratios.cpython) },
    { header: "ours/Pyodide", numeric: true, cell: (row) => ratio(row.ratios.pyodide) },
    { header: "ours/floor", numeric: true, cell: (row) => ratio(row.ratios.floor) },
    { header: "missed targets", numeric: false, cell: (row) => row.misses.join("; "), optional: "misses" },
  ];
  const shown = columns.filter(
    (c) =>
      c.optional === undefined ||
      (c.optional === "peer" ? rows.some((row) => row.cells.peer.status === "ok") : rows.some((row) => row.misses.length > 0)),
  );
  const header = shown.map((c) => c.header);
  const body = rows.map((row) => shown.map((c) => c.cell(row)));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => /** @type {string} */ (line[i]).length)));
  /** @param {string[]} cells */
  const line = (cells) =>
    `| ${cells.map((cell, i) => (shown[i]?.numeric ? cell.padStart(/** @type {number} */ (widths[i])) : cell.padEnd(/** @type {number} */ (widths[i])))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (shown[i]?.numeric ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
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
