#!/usr/bin/env node
/**
 * `npm run bench`: every case side by side (ours, a JavaScript peer, CPython,
 * Pyodide, the hand-written floor), sampled in interleaved rounds; medians
 * and per-round ratios, to the console and to JSON.
 * Run against the built pybuffer packages (their dist/), so the npm script
 * builds them first. See ../README.md.
 *
 * @module
 */

import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { describeMachine, loadAverage } from "./lib/machine.mjs";
import { measureRow, newRow } from "./lib/measure-row.mjs";
import { DEFAULT_SIZES, loadCases } from "./lib/registry.mjs";
import { FLAT_TOLERANCE, formatRatio, formatSize, formatTable, score, writeJson } from "./lib/report.mjs";
import { startCPython, startNumPy, startPyodide } from "./python/columns.mjs";

/** @typedef {import("./lib/registry.mjs").BenchCase} BenchCase */
/** @typedef {import("./lib/report.mjs").Cell} Cell */
/** @typedef {import("./lib/report.mjs").Row} Row */

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

/**
 * Full run: every column's sample lasts at least 10 ms; at least 7 rounds,
 * more (up to 21) while the row has taken less than 600 ms. In-process
 * columns: up to 2.5 s per call before a size is skipped.
 */
const JS_FULL = { warmupMs: 100, minSampleMs: 10, minRounds: 7, maxRounds: 21, budgetMs: 600, maxCallMs: 2500 };
/** Full run, the Python columns: capped harder (Pyodide is slow at big sizes). */
const PY_FULL = { ...JS_FULL, maxCallMs: 1000 };
/** --quick: one call, one round. */
const QUICK = { warmupMs: 0, minSampleMs: 0, minRounds: 1, maxRounds: 1, budgetMs: 0, maxCallMs: 1e12 };

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

  // Both Python columns live in worker processes for the whole run (Pyodide's
  // heap never shares our process), and their samples are interleaved with
  // ours row by row.
  const needsNumPy = cases.some((c) => c.unavailable === undefined && c.python?.requires === "numpy");
  const [cpython, pyodide, numpy] = await Promise.all([
    options.cpython ? startCPython(options.python) : absent("CPython", "left out by --no-cpython"),
    options.pyodide ? startPyodide() : absent("Pyodide", "left out by --no-pyodide"),
    !options.cpython ? absent("NumPy", "left out by --no-cpython") : needsNumPy ? startNumPy() : absent("NumPy", "no selected case needs NumPy"),
  ]);
  const python = { cpython, pyodide, numpy };

  progress(
    `bench: ${cases.length} cases${options.quick ? " (--quick: smallest size, one sample)" : ""}; ` +
      `${cpython.available ? cpython.label : `CPython absent (${cpython.reason})`}; ` +
      `${pyodide.available ? pyodide.label : `Pyodide absent (${pyodide.reason})`}; samples interleaved in rounds`,
  );

  /** @type {Row[]} */
  const rows = [];
  /** @type {string[]} */
  const harnessErrors = [];
  try {
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
          cells: { ours: cell, peer: cell, cpython: cell, pyodide: cell, floor: cell },
          ratios: { peer: null, cpython: null, pyodide: null, floor: null },
          misses: [],
        });
        progress(`  ${benchCase.name}: unavailable (${benchCase.unavailable})`);
        continue;
      }
      const all = (benchCase.fixedSizes ? benchCase.sizes : options.sizes) ?? benchCase.sizes ?? DEFAULT_SIZES;
      const sizes = options.quick ? [Math.min(...all)] : [...all];
      /** @type {import("./lib/measure-row.mjs").Previous} */
      const previous = {};
      for (const size of sizes) {
        const row = newRow(benchCase, size, python);
        rows.push(row);
        await measureRow(row, { benchCase, size, first: size === sizes[0], js, py, python, previous, harnessErrors });
      }
      if (!options.quick) progress(`  ${benchCase.name}: ${((performance.now() - caseStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (cpython.available) cpython.close();
    if (pyodide.available) pyodide.close();
    if (numpy.available) numpy.close();
  }

  // Missed targets only from a full run (--quick timings mean nothing).
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
    `pybuffer benchmark: median time per call; ratios are medians of per-round ratios (samples interleaved)${options.quick ? " (--quick smoke run: one round at the smallest size; the timings mean nothing)" : ""}`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; load average ${machine.loadAverageStart.join(" ")} at start, ${loadAverageEnd.join(" ")} at end`,
    `versions: Node ${machine.node} (V8 ${machine.v8}); ` +
      `${cpython.available ? `CPython ${cpython.meta.version} (${cpython.meta.executable})` : `CPython absent: ${cpython.reason}`}; ` +
      `${pyodide.available ? `Pyodide ${/** @type {any} */ (pyodide.meta).pyodide} (CPython ${pyodide.meta.version})` : `Pyodide absent: ${pyodide.reason}`}` +
      `${numpy.available ? `; ${numpy.label} (${numpy.meta.executable}) for the rows that need NumPy` : needsNumPy ? `; NumPy unavailable: ${numpy.reason}` : ""}`,
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
      if (cell.status === "ok" || cell.status === "absent") continue;
      if (cell.status === "unavailable" && (column === "peer" || cell.reason === "no Python counterpart")) continue;
      notes.set(`${row.case} [${column}] ${cell.status}: ${cell.reason}`, formatSize(row.size, row.unit));
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
    lines.push("", `targets (ours/CPython <= 1, ours/Pyodide <= 0.2 item-wise and <= 1 elsewhere, ours/peer <= 1, the per-case floor ratios, flat cases flat): ${missed.length} of ${rows.length} rows miss one`);
  }
  console.log(lines.join("\n"));

  const out = options.out ?? `${ROOT}bench-results/${options.quick ? "quick" : "latest"}.json`;
  writeJson(out, {
    schema: 2,
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
      numpy: numpy.available ? { label: numpy.label, ...numpy.meta } : { absent: numpy.reason },
    },
    measure: { method: "interleaved rounds; ratio = median of per-round ratios", js, python: py },
    cases: cases.map((c) => ({ name: c.name, group: c.group, unit: c.unit ?? "items", floor: c.floorLabel, peer: c.peer?.label, targets: { ...c.targets }, flat: c.flat === true, unavailable: c.unavailable })),
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
 * @param {string} label
 * @param {string} reason
 * @returns {Promise<import("./python/columns.mjs").AbsentColumn>}
 */
async function absent(label, reason) {
  return { available: false, label, reason };
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
