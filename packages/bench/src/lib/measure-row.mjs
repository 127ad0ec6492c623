/**
 * One row of the table: one case at one size, every column prepared, then
 * sampled in interleaved rounds (./rounds.mjs).
 *
 * @module
 */

import { sameResult } from "./data.mjs";
import { calibrate, predictMs, quartiles, sampleOnce } from "./measure.mjs";
import { runRounds, roundRatios } from "./rounds.mjs";
import { OTHERS, formatTime } from "./report.mjs";

/** @typedef {import("./registry.mjs").BenchCase} BenchCase */
/** @typedef {import("./report.mjs").Row} Row */
/** @typedef {import("./report.mjs").Cell} Cell */
/** @typedef {import("./measure.mjs").MeasureOptions} MeasureOptions */
/** @typedef {import("./rounds.mjs").PreparedColumn} PreparedColumn */
/** @typedef {import("../python/columns.mjs").PythonColumn | import("../python/columns.mjs").AbsentColumn} PythonColumn */
/** @typedef {Partial<Record<import("./report.mjs").Row["cells"] extends Record<infer K, any> ? K : never, { size: number, medianMs: number }>>} Previous */

/**
 * @typedef {object} RowContext
 * @property {BenchCase} benchCase
 * @property {number} size
 * @property {boolean} first             the case's smallest size: ours is checked against the floor and the peer
 * @property {MeasureOptions} js         for ours, the peer and the floor
 * @property {MeasureOptions} py         for the Python columns (a lower per-call budget)
 * @property {PythonColumns} python
 * @property {Previous} previous         each column's median at the previous size (to skip what would be too slow)
 * @property {string[]} harnessErrors
 */

/**
 * The live Python workers: CPython, Pyodide, and a CPython with NumPy for
 * the cases that need it (absent unless such a case is selected).
 *
 * @typedef {{ cpython: PythonColumn, pyodide: PythonColumn, numpy: PythonColumn }} PythonColumns
 */

/**
 * The workers that serve a case's CPython and Pyodide cells: a case that
 * requires NumPy gets the NumPy worker in the CPython cell (unavailable where
 * no CPython has NumPy) and no Pyodide cell (its worker has no NumPy).
 *
 * @param {BenchCase} benchCase
 * @param {PythonColumns} python
 * @returns {{ cpython: PythonColumn, pyodide: PythonColumn }}
 */
export function caseColumns(benchCase, python) {
  if (benchCase.python?.requires !== "numpy") return { cpython: python.cpython, pyodide: python.pyodide };
  return {
    cpython: python.numpy.available ? python.numpy : { available: false, label: "NumPy", reason: python.numpy.reason },
    pyodide: { available: false, label: "Pyodide", reason: "the Pyodide worker has no NumPy" },
  };
}

/**
 * @param {unknown} error
 * @returns {string}
 */
export function describeError(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * An empty row: every cell "not run", or the reason it never will be.
 *
 * @param {BenchCase} benchCase
 * @param {number} size
 * @param {PythonColumns} python
 * @returns {Row}
 */
export function newRow(benchCase, size, python) {
  /** @type {Cell} */
  const notRun = { status: "error", reason: "not run" };
  /** @type {Cell} */
  const noPython = { status: "unavailable", reason: "no Python counterpart" };
  // A column the case needs but no worker offers (NumPy) is unavailable; one left out or missing is absent.
  const missing = benchCase.python?.requires === "numpy" ? "unavailable" : "absent";
  const pythonCell = (/** @type {PythonColumn} */ column) =>
    benchCase.python === null ? noPython : column.available ? notRun : /** @type {Cell} */ ({ status: missing, reason: column.reason });
  const columns = caseColumns(benchCase, python);
  return {
    case: benchCase.name,
    group: benchCase.group,
    unit: benchCase.unit ?? "items",
    size,
    ...(benchCase.peer ? { peerLabel: benchCase.peer.label } : {}),
    ...(benchCase.python?.requires === "numpy" && columns.cpython.available ? { pythonLabel: columns.cpython.label } : {}),
    cells: {
      ours: notRun,
      peer: benchCase.peer ? notRun : { status: "unavailable", reason: "no JavaScript peer" },
      cpython: pythonCell(columns.cpython),
      pyodide: pythonCell(columns.pyodide),
      floor: notRun,
    },
    ratios: { peer: null, cpython: null, pyodide: null, floor: null },
    misses: [],
  };
}

/**
 * Measures one row in place.
 *
 * @param {Row} row
 * @param {RowContext} context
 * @returns {Promise<void>}
 */
export async function measureRow(row, context) {
  const { benchCase, size, js, py, python, previous, harnessErrors } = context;
  const fail = (/** @type {keyof Row["cells"]} */ key, /** @type {string} */ reason) => {
    row.cells[key] = { status: "error", reason };
    harnessErrors.push(`${benchCase.name} @ ${size} (${key}): ${reason}`);
  };
  /** @type {unknown} */
  let state;
  try {
    state = await benchCase.setup(size);
  } catch (error) {
    const reason = `setup failed: ${describeError(error)}`;
    row.cells.ours = row.cells.floor = { status: "error", reason };
    harnessErrors.push(`${benchCase.name} @ ${size}: ${reason}`);
    return;
  }

  /** @type {{ key: "ours" | "peer" | "floor", fn: (state: unknown) => unknown }[]} */
  const inProcess = [
    { key: "ours", fn: benchCase.ours },
    ...(benchCase.peer ? [{ key: /** @type {const} */ ("peer"), fn: benchCase.peer.run }] : []),
    { key: "floor", fn: benchCase.floor },
  ];
  if (context.first) checkResults(benchCase, state, fail);

  /** @type {PreparedColumn[]} */
  const prepared = [];
  for (const { key, fn } of inProcess) {
    if (row.cells[key].status === "error" && /** @type {{ reason: string }} */ (row.cells[key]).reason !== "not run") continue;
    const predicted = predictMs(previous[key], size);
    if (predicted > js.maxCallMs) {
      row.cells[key] = { status: "skipped", reason: `predicted ${formatTime(predicted)} per call > budget ${formatTime(js.maxCallMs)}` };
      continue;
    }
    try {
      const { inner } = calibrate(fn, state, js);
      prepared.push({ key, inner, sample: () => sampleOnce(fn, state, inner) });
    } catch (error) {
      fail(key, describeError(error));
    }
  }
  /** @type {import("../python/columns.mjs").PythonColumn[]} */
  const held = [];
  const columns = caseColumns(benchCase, python);
  for (const key of /** @type {const} */ (["cpython", "pyodide"])) {
    const column = columns[key];
    if (benchCase.python === null || !column.available) continue;
    const predicted = predictMs(previous[key], size);
    if (predicted > py.maxCallMs) {
      row.cells[key] = { status: "skipped", reason: `predicted ${formatTime(predicted)} per call > budget ${formatTime(py.maxCallMs)}` };
      continue;
    }
    const ready = await column.prepare(benchCase.python, size, py);
    held.push(column);
    if (ready.status !== "ok") {
      fail(key, ready.reason);
    } else if (ready.estimateMs > py.maxCallMs) {
      row.cells[key] = { status: "skipped", reason: `one call took ${formatTime(ready.estimateMs)} > budget ${formatTime(py.maxCallMs)}` };
    } else {
      prepared.push({ key, inner: ready.inner, sample: column.sample });
    }
  }

  try {
    const { samples, failures } = await runRounds(prepared, js);
    for (const [key, reason] of failures) fail(/** @type {keyof Row["cells"]} */ (key), reason);
    for (const column of prepared) {
      const key = /** @type {keyof Row["cells"]} */ (column.key);
      const times = samples.get(column.key) ?? [];
      if (failures.has(column.key) || times.length === 0) continue;
      const q = quartiles(times);
      row.cells[key] = { status: "ok", medianMs: q.median, minMs: q.min, maxMs: q.max, samples: times.length, inner: column.inner };
      previous[key] = { size, medianMs: q.median };
    }
    const ours = samples.get("ours");
    if (ours !== undefined && !failures.has("ours")) {
      for (const key of OTHERS) {
        const other = samples.get(key);
        if (other !== undefined && !failures.has(key)) row.ratios[key] = roundRatios(ours, other);
      }
    }
  } finally {
    for (const column of held) await column.release().catch(() => {});
  }
}

/**
 * Ours, the floor and the peer must do the same work: their results are
 * compared once, at the case's smallest size.
 *
 * @param {BenchCase} benchCase
 * @param {unknown} state
 * @param {(key: "ours" | "peer" | "floor", reason: string) => void} fail
 */
function checkResults(benchCase, state, fail) {
  let ours;
  try {
    ours = benchCase.ours(state);
  } catch (error) {
    fail("ours", `check failed: ${describeError(error)}`);
    return;
  }
  try {
    if (!(benchCase.check ?? sameResult)(ours, benchCase.floor(state), state)) fail("floor", "check failed: ours and the floor computed different results");
  } catch (error) {
    fail("floor", `check failed: ${describeError(error)}`);
  }
  if (benchCase.peer === undefined) return;
  try {
    if (!benchCase.peer.check(ours, benchCase.peer.run(state), state)) fail("peer", "check failed: ours and the peer computed different results");
  } catch (error) {
    fail("peer", `check failed: ${describeError(error)}`);
  }
}
