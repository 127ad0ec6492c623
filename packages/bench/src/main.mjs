#!/usr/bin/env node
/**
 * `npm run bench`: every case side by side (ours, CPython, Pyodide, the
 * hand-written floor), medians and ratios, to the console and to JSON.
 * Run against the built pybuffer packages (their dist/), so the npm script
 * builds them first. See ../README.md.
 *
 * @module
 */

import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { sameResult } from "./lib/data.mjs";
import { describeMachine, loadAverage } from "./lib/machine.mjs";
import { measure, predictMs } from "./lib/measure.mjs";
import { DEFAULT_SIZES, loadCases } from "./lib/registry.mjs";
import { FLAT_TOLERANCE, formatRatio, formatSize, formatTable, formatTime, score, writeJson } from "./lib/report.mjs";
import { findCPython, loadPyodideColumn } from "./python/columns.mjs";

/** @typedef {import("./lib/registry.mjs").BenchCase} BenchCase */
/** @typedef {import("./lib/report.mjs").Cell} Cell */
/** @typedef {import("./lib/report.mjs").Row} Row */
/** @typedef {import("./lib/measure.mjs").MeasureOptions} MeasureOptions */
/** @typedef {import("./python/columns.mjs").PythonColumn | import("./python/columns.mjs").AbsentColumn} Column */
/** @typedef {import("./python/columns.mjs").PythonJob} PythonJob */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const USAGE = `usage: npm run bench -- [options]

  --quick             smoke run: every case once at its smallest size, one sample
                      (seconds; the timings mean nothing); writes bench-results/quick.json
  --filter <text>     only cases whose name or group contains <text> (case-insensitive;
                      repeat for several)
  --sizes <list>      override the sizes, e.g. --sizes 1e3,1e5
  --python <path>     the CPython to compare with (default: 3.13 from pyenv or PATH,
                      else the newest 3.x); also PYBUFFER_BENCH_PYTHON
  --no-cpython        leave the CPython column out (marked absent)
  --no-pyodide        leave the Pyodide column out (marked absent)
  --out <file>        the JSON report (default bench-results/latest.json at the repo root)
  --help`;

/** Full run, in-process columns: up to 2.5 s per call before a size is skipped. */
const JS_FULL = { warmupMs: 100, minSampleMs: 10, minSamples: 3, maxSamples: 31, budgetMs: 300, maxCallMs: 2500 };
/** Full run, the Python oracles: capped harder (Pyodide is slow at big sizes). */
const PY_FULL = { ...JS_FULL, maxCallMs: 1000 };
/** --quick: one call, one sample. */
const QUICK = { warmupMs: 0, minSampleMs: 0, minSamples: 1, maxSamples: 1, budgetMs: 0, maxCallMs: 1e12 };

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
  const options = {
    quick: false,
    /** @type {string[]} */ filters: [],
    /** @type {number[] | undefined} */ sizes: undefined,
    /** @type {string | undefined} */ python: process.env["PYBUFFER_BENCH_PYTHON"] || undefined,
    cpython: true,
    pyodide: true,
    /** @type {string | undefined} */ out: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") fail(`${flag} needs a value`);
      return /** @type {string} */ (v);
    };
    switch (flag) {
      case "--quick":
        options.quick = true;
        break;
      case "--filter":
        options.filters.push(value().toLowerCase());
        break;
      case "--sizes":
        options.sizes = value()
          .split(",")
          .map((s) => Number(s));
        if (options.sizes.some((s) => !Number.isInteger(s) || s < 1)) fail("--sizes takes positive integers, e.g. 1e3,1e5");
        break;
      case "--python":
        options.python = value();
        break;
      case "--no-cpython":
        options.cpython = false;
        break;
      case "--no-pyodide":
        options.pyodide = false;
        break;
      case "--out":
        options.out = value();
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown option ${arg}`);
    }
  }
  return options;
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function describeError(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** @param {string} text */
function progress(text) {
  process.stderr.write(`${text}\n`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const js = options.quick ? QUICK : JS_FULL;
  const py = options.quick ? QUICK : PY_FULL;

  const cases = (await loadCases()).filter(
    (c) => options.filters.length === 0 || options.filters.some((f) => c.name.toLowerCase().includes(f) || c.group.toLowerCase().includes(f)),
  );
  if (cases.length === 0) fail(`no case matches ${options.filters.map((f) => `'${f}'`).join(" or ")}`);

  // Both Python columns run after ours and the floor are measured, and a
  // full run loads Pyodide only then: its heap in this process makes every
  // collection dearer, which slowed our allocating cases 2-3x (view creation,
  // struct.pack) when it was loaded first. --quick overlaps the load.
  /** @type {() => Promise<Column>} */
  const loadPyodide = () =>
    options.pyodide ? loadPyodideColumn() : Promise.resolve({ available: false, label: "Pyodide", reason: "left out by --no-pyodide" });
  const pyodideLoading = options.quick ? loadPyodide() : undefined;
  /** @type {Column} */
  const cpython = options.cpython ? findCPython(options.python) : { available: false, label: "CPython", reason: "left out by --no-cpython" };
  /** @type {Column | undefined} */
  let pyodide;

  progress(
    `bench: ${cases.length} cases${options.quick ? " (--quick: smallest size, one sample)" : ""}; ` +
      `${cpython.available ? cpython.label : `CPython absent (${cpython.reason})`}; ` +
      `${options.pyodide ? "Pyodide after the JavaScript columns" : "Pyodide left out"}`,
  );

  /** @type {Row[]} */
  const rows = [];
  /** @type {Map<string, Row>} */
  const rowByKey = new Map();
  const keyOf = (/** @type {string} */ name, /** @type {number} */ size) => `${name}\u0000${size}`;
  /** @type {string[]} */
  const harnessErrors = [];
  /** @type {PythonJob["cases"]} */
  const deferredPython = [];

  for (const benchCase of cases) {
    const caseStarted = performance.now();
    if (benchCase.unavailable !== undefined) {
      /** @type {Cell} */
      const cell = { status: "unavailable", reason: benchCase.unavailable };
      rows.push({
        case: benchCase.name,
        group: benchCase.group,
        unit: benchCase.unit ?? "items",
        size: NaN,
        cells: { ours: cell, cpython: cell, pyodide: cell, floor: cell },
        ratios: { cpython: null, pyodide: null, floor: null },
        misses: [],
      });
      progress(`  ${benchCase.name}: unavailable (${benchCase.unavailable})`);
      continue;
    }
    const all = options.sizes ?? benchCase.sizes ?? DEFAULT_SIZES;
    const sizes = options.quick ? [Math.min(...all)] : [...all];
    /** @type {Record<"ours" | "floor", { size: number, medianMs: number } | undefined>} */
    const previous = { ours: undefined, floor: undefined };
    for (const size of sizes) {
      /** @type {Row} */
      const row = {
        case: benchCase.name,
        group: benchCase.group,
        unit: benchCase.unit ?? "items",
        size,
        cells: {
          ours: { status: "error", reason: "not run" },
          cpython: cpython.available ? { status: "error", reason: "not run" } : { status: "absent", reason: cpython.reason },
          pyodide: { status: "error", reason: "not run" },
          floor: { status: "error", reason: "not run" },
        },
        ratios: { cpython: null, pyodide: null, floor: null },
        misses: [],
      };
      if (benchCase.python === null) {
        row.cells.cpython = { status: "unavailable", reason: "no Python counterpart" };
        row.cells.pyodide = { status: "unavailable", reason: "no Python counterpart" };
      }
      rows.push(row);
      rowByKey.set(keyOf(benchCase.name, size), row);
      /** @type {unknown} */
      let state;
      try {
        state = await benchCase.setup(size);
      } catch (error) {
        const reason = `setup failed: ${describeError(error)}`;
        row.cells.ours = row.cells.floor = { status: "error", reason };
        harnessErrors.push(`${benchCase.name} @ ${size}: ${reason}`);
        continue;
      }
      if (size === sizes[0]) {
        // Ours and the floor must do the same work: compare their results once.
        try {
          const same = (benchCase.check ?? sameResult)(benchCase.ours(state), benchCase.floor(state), state);
          if (!same) {
            const reason = "check failed: ours and the floor computed different results";
            row.cells.floor = { status: "error", reason };
            harnessErrors.push(`${benchCase.name} @ ${size}: ${reason}`);
          }
        } catch (error) {
          const reason = `check failed: ${describeError(error)}`;
          row.cells.ours = { status: "error", reason };
          harnessErrors.push(`${benchCase.name} @ ${size}: ${reason}`);
        }
      }
      for (const column of /** @type {const} */ (["ours", "floor"])) {
        if (row.cells[column].status === "error" && row.cells[column].reason !== "not run") continue;
        const predicted = predictMs(previous[column], size);
        if (predicted > js.maxCallMs) {
          row.cells[column] = { status: "skipped", reason: `predicted ${formatTime(predicted)} per call > budget ${formatTime(js.maxCallMs)}` };
          continue;
        }
        try {
          const result = measure(benchCase[column], state, js);
          row.cells[column] = result;
          previous[column] = { size, medianMs: result.medianMs };
        } catch (error) {
          row.cells[column] = { status: "error", reason: describeError(error) };
          harnessErrors.push(`${benchCase.name} @ ${size} (${column}): ${describeError(error)}`);
        }
      }
      state = undefined;
    }
    if (benchCase.python !== null) {
      deferredPython.push({ name: benchCase.name, setup: benchCase.python.setup, stmt: benchCase.python.stmt, sizes });
    }
    if (!options.quick) progress(`  ${benchCase.name}: ${((performance.now() - caseStarted) / 1000).toFixed(1)} s`);
  }
  if (!options.quick) progress("  the Python columns: CPython, then Pyodide");
  await runPython(cpython, "cpython", deferredPython, py, rowByKey, keyOf, harnessErrors);
  pyodide = await (pyodideLoading ?? loadPyodide());
  await runPython(pyodide, "pyodide", deferredPython, py, rowByKey, keyOf, harnessErrors);

  // Ratios always; missed targets only from a full run (--quick timings mean nothing).
  const targetsOf = new Map(cases.map((c) => [c.name, c.targets ?? {}]));
  for (const row of rows) {
    score(row, targetsOf.get(row.case) ?? {});
    if (options.quick) row.misses = [];
  }
  const flat = flatness(cases, rows);
  for (const f of flat) if (f.growth !== null && f.growth > FLAT_TOLERANCE) f.row.misses.push(`grows ${formatRatio(f.growth)}x from ${formatSize(f.from, "items")}`);

  const labels = {
    cpython: cpython.available ? `CPython ${cpython.meta.version}` : "CPython",
    pyodide: pyodide.available ? `Pyodide ${pyodide.meta.version}` : "Pyodide",
  };
  const durationS = Math.round((performance.now() - started) / 100) / 10;
  const loadAverageEnd = loadAverage();
  const lines = [
    "",
    `pybuffer benchmark: median time per call${options.quick ? " (--quick smoke run: one sample at the smallest size; the timings mean nothing)" : ""}`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; load average ${machine.loadAverageStart.join(" ")} at start, ${loadAverageEnd.join(" ")} at end`,
    `versions: Node ${machine.node} (V8 ${machine.v8}); ` +
      `${cpython.available ? `CPython ${cpython.meta.version} (${cpython.meta.executable})` : `CPython absent: ${cpython.reason}`}; ` +
      `${pyodide.available ? `Pyodide ${/** @type {any} */ (pyodide.meta).pyodide} (CPython ${pyodide.meta.version})` : `Pyodide absent: ${pyodide.reason}`}`,
    `command: npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""} (${durationS} s)`,
    "",
    formatTable(rows, labels),
    "",
    "floor (hand-written JS doing the same work):",
    ...cases.filter((c) => c.unavailable === undefined).map((c) => `  ${c.name}: ${c.floorLabel}`),
  ];
  if (flat.length > 0) {
    lines.push("", "flat in size (cast, slicing: O(ndim), no copy):");
    for (const f of flat) {
      lines.push(`  ${f.case}: ${f.growth === null ? `not measured (${options.quick ? "--quick runs one size" : "fewer than two sizes measured"})` : `${formatRatio(f.growth)}x from ${formatSize(f.from, "items")} to ${formatSize(f.to, "items")}`}`);
    }
  }
  const notes = new Map();
  for (const row of rows) {
    const cells = Object.values(row.cells);
    const first = /** @type {Cell} */ (cells[0]);
    if (first.status !== "ok" && cells.every((c) => c.status === first.status && "reason" in c && c.reason === first.reason)) {
      // The whole row (an unavailable case): one line.
      notes.set(`${row.case} ${first.status}: ${first.reason}`, formatSize(row.size, row.unit));
      continue;
    }
    for (const [column, cell] of Object.entries(row.cells)) {
      if (cell.status !== "ok" && cell.status !== "absent") notes.set(`${row.case} [${column}] ${cell.status}: ${cell.reason}`, formatSize(row.size, row.unit));
    }
  }
  if (!cpython.available) lines.push("", `CPython absent: ${cpython.reason}`);
  if (!pyodide.available) lines.push("", `Pyodide absent: ${pyodide.reason}`);
  if (notes.size > 0) {
    lines.push("", "not measured:");
    /** @type {Map<string, string[]>} */
    const grouped = new Map();
    for (const [text, size] of notes) grouped.set(text, [...(grouped.get(text) ?? []), size]);
    for (const [text, sizes] of grouped) lines.push(`  ${text}${sizes[0] === "-" ? "" : ` (n = ${sizes.join(", ")})`}`);
  }
  const missed = rows.filter((r) => r.misses.length > 0);
  if (!options.quick) {
    lines.push("", `targets (ours/CPython <= 1, ours/Pyodide <= 0.2, the per-case floor ratios, flat cases flat): ${missed.length} of ${rows.length} rows miss one`);
  }
  console.log(lines.join("\n"));

  const out = options.out ?? `${ROOT}bench-results/${options.quick ? "quick" : "latest"}.json`;
  writeJson(out, {
    schema: 1,
    quick: options.quick,
    command: process.argv.slice(2),
    startedAt,
    durationS,
    machine: { ...machine, loadAverageEnd },
    versions: {
      node: machine.node,
      v8: machine.v8,
      cpython: cpython.available ? cpython.meta : { absent: cpython.reason },
      pyodide: pyodide.available ? pyodide.meta : { absent: pyodide.reason },
    },
    measure: { js, python: py },
    cases: cases.map((c) => ({ name: c.name, group: c.group, unit: c.unit ?? "items", floor: c.floorLabel, targets: { ...c.targets }, flat: c.flat === true, unavailable: c.unavailable })),
    rows,
    flat: flat.map(({ row: _row, ...f }) => f),
  });
  progress(`bench: wrote ${out}`);
  if (harnessErrors.length > 0) {
    progress(`bench: ${harnessErrors.length} harness error(s):\n  ${harnessErrors.join("\n  ")}`);
    process.exitCode = 1;
  }
}

/**
 * Runs a job in a Python column and files the cells into the rows.
 *
 * @param {Column} column
 * @param {"cpython" | "pyodide"} key
 * @param {PythonJob["cases"]} jobCases
 * @param {MeasureOptions} options
 * @param {Map<string, Row>} rowByKey
 * @param {(name: string, size: number) => string} keyOf
 * @param {string[]} harnessErrors
 */
async function runPython(column, key, jobCases, options, rowByKey, keyOf, harnessErrors) {
  if (jobCases.length === 0) return;
  if (!column.available) {
    for (const c of jobCases) for (const size of c.sizes) {
      const row = rowByKey.get(keyOf(c.name, size));
      if (row !== undefined) row.cells[key] = { status: "absent", reason: column.reason };
    }
    return;
  }
  const results = await column.run({ options, cases: jobCases });
  for (const result of results) {
    const row = rowByKey.get(keyOf(result.case, result.size));
    if (row === undefined) continue;
    if (result.status === "ok") {
      row.cells[key] = {
        status: "ok",
        medianMs: /** @type {number} */ (result.medianMs),
        minMs: /** @type {number} */ (result.minMs),
        maxMs: /** @type {number} */ (result.maxMs),
        samples: /** @type {number} */ (result.samples),
        inner: /** @type {number} */ (result.inner),
      };
    } else {
      row.cells[key] = { status: result.status, reason: result.reason ?? "" };
      if (result.status === "error") harnessErrors.push(`${result.case} @ ${result.size} (${column.label}): ${result.reason}`);
    }
  }
}

/**
 * Growth of ours from the smallest to the largest size, for the flat cases.
 *
 * @param {BenchCase[]} cases
 * @param {Row[]} rows
 */
function flatness(cases, rows) {
  return cases
    .filter((c) => c.flat === true && c.unavailable === undefined)
    .map((c) => {
      const measured = rows.filter((r) => r.case === c.name && r.cells.ours.status === "ok");
      const first = measured[0];
      const last = measured[measured.length - 1];
      const growth =
        first !== undefined && last !== undefined && first !== last && first.cells.ours.status === "ok" && last.cells.ours.status === "ok"
          ? last.cells.ours.medianMs / first.cells.ours.medianMs
          : null;
      return { case: c.name, from: first?.size ?? NaN, to: last?.size ?? NaN, growth, row: /** @type {Row} */ (last ?? rows[0]) };
    });
}

await main();
