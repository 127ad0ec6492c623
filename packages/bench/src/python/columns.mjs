/**
 * The two Python columns: a real CPython found on the machine (run as a
 * subprocess, timed inside Python) and CPython in Pyodide (in-process).
 * Both run runner.py; each is either usable or absent with a reason.
 *
 * @module
 */

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const RUNNER = fileURLToPath(new URL("./runner.py", import.meta.url));

/** The CPython the issue measures against; any other 3.x (>= 3.8) is used when it is missing. */
export const PREFERRED_CPYTHON = [3, 13];

/**
 * What a Python column returns for a job.
 *
 * @typedef {{ case: string, size: number, status: "ok" | "skipped" | "error", reason?: string,
 *   medianMs?: number, minMs?: number, maxMs?: number, samples?: number, inner?: number }} PythonRow
 * @typedef {{ version: string, fullVersion: string, implementation: string, platform: string, executable: string }} PythonMeta
 * @typedef {{ options: object, cases: { name: string, setup: string, stmt: string, sizes: readonly number[] }[] }} PythonJob
 * @typedef {{ available: true, label: string, meta: PythonMeta, run: (job: PythonJob) => Promise<PythonRow[]> }} PythonColumn
 * @typedef {{ available: false, label: string, reason: string }} AbsentColumn
 */

/**
 * Finds a CPython 3.x: `explicit` (--python or PYBUFFER_BENCH_PYTHON) if
 * given, else pyenv's versions and `python3`/`python` on PATH, preferring 3.13.
 *
 * @param {string | undefined} explicit
 * @returns {PythonColumn | AbsentColumn}
 */
export function findCPython(explicit) {
  const candidates = explicit !== undefined ? [explicit] : candidatePaths();
  /** @type {{ path: string, major: number, minor: number }[]} */
  const found = [];
  for (const path of candidates) {
    try {
      const out = execFileSync(path, ["-c", "import sys; print(sys.implementation.name, *sys.version_info[:2])"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 10_000,
      });
      const [implementation, major, minor] = out.trim().split(/\s+/);
      if (implementation === "cpython" && Number(major) === 3 && Number(minor) >= 8) {
        found.push({ path, major: Number(major), minor: Number(minor) });
      }
    } catch {
      // not runnable: try the next one
    }
  }
  if (found.length === 0) {
    return {
      available: false,
      label: "CPython",
      reason: explicit !== undefined ? `${explicit} is not a runnable CPython >= 3.8` : "no CPython >= 3.8 on PATH or in ~/.pyenv/versions",
    };
  }
  const [wantMajor, wantMinor] = PREFERRED_CPYTHON;
  const chosen =
    found.find((p) => p.major === wantMajor && p.minor === wantMinor) ??
    [...found].sort((a, b) => b.major - a.major || b.minor - a.minor)[0];
  if (chosen === undefined) throw new Error("unreachable");
  const metaText = execFileSync(chosen.path, [RUNNER, "--meta"], { encoding: "utf8" });
  /** @type {PythonMeta} */
  const meta = JSON.parse(metaText);
  return {
    available: true,
    label: `CPython ${meta.version}`,
    meta,
    run: async (job) => {
      const result = spawnSync(chosen.path, [RUNNER], {
        input: JSON.stringify(job),
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      if (result.status !== 0) {
        const why = (result.stderr || String(result.error ?? `exit ${result.status}`)).trim().split("\n").slice(-3).join(" | ");
        return errorRows(job, `CPython failed: ${why}`);
      }
      return JSON.parse(result.stdout).results;
    },
  };
}

/** @returns {string[]} */
function candidatePaths() {
  /** @type {string[]} */
  const paths = [];
  const pyenv = join(process.env["PYENV_ROOT"] ?? join(homedir(), ".pyenv"), "versions");
  if (existsSync(pyenv)) {
    for (const version of readdirSync(pyenv)) {
      const python = join(pyenv, version, "bin", "python");
      if (existsSync(python)) paths.push(python);
    }
  }
  for (const directory of (process.env["PATH"] ?? "").split(delimiter)) {
    if (directory === "") continue;
    for (const name of ["python3", "python"]) {
      const python = join(directory, name);
      if (existsSync(python) && !paths.includes(python)) paths.push(python);
    }
  }
  return paths;
}

/**
 * Starts loading Pyodide (a few seconds: WebAssembly compilation). The
 * returned promise never rejects: a missing or broken pyodide is an absent column.
 *
 * @returns {Promise<PythonColumn | AbsentColumn>}
 */
export async function loadPyodideColumn() {
  /** @type {any} */
  let pyodideModule;
  try {
    pyodideModule = await import("pyodide");
  } catch (error) {
    return { available: false, label: "Pyodide", reason: `the npm package pyodide cannot be imported (${lastLine(error)})` };
  }
  try {
    const pyodide = await pyodideModule.loadPyodide({ stdout: () => {}, stderr: () => {} });
    pyodide.runPython(readFileSync(RUNNER, "utf8"));
    const runJob = pyodide.globals.get("run_job");
    /** @type {PythonMeta & { pyodide: string }} */
    const meta = { ...JSON.parse(pyodide.runPython("import json; json.dumps(meta())")), pyodide: pyodide.version };
    return {
      available: true,
      label: `Pyodide ${pyodide.version} (CPython ${meta.version})`,
      meta,
      run: async (job) => {
        try {
          return JSON.parse(runJob(JSON.stringify(job))).results;
        } catch (error) {
          return errorRows(job, `Pyodide failed: ${lastLine(error)}`);
        }
      },
    };
  } catch (error) {
    return { available: false, label: "Pyodide", reason: `loadPyodide failed (${lastLine(error)})` };
  }
}

/**
 * @param {PythonJob} job
 * @param {string} reason
 * @returns {PythonRow[]}
 */
function errorRows(job, reason) {
  return job.cases.flatMap((c) => c.sizes.map((size) => ({ case: c.name, size, status: /** @type {const} */ ("error"), reason })));
}

/** @param {unknown} error */
function lastLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n").pop() ?? text;
}
