/**
 * The two Python columns: a real CPython found on the machine and CPython in
 * Pyodide. Each is a worker process kept alive for the whole run (runner.py's
 * worker protocol), so the harness can interleave its samples with ours;
 * each is either usable or absent with a reason.
 *
 * @module
 */

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

import { LineWorker } from "./line-worker.mjs";

const RUNNER = fileURLToPath(new URL("./runner.py", import.meta.url));
const PYODIDE_WORKER = fileURLToPath(new URL("./pyodide-worker.mjs", import.meta.url));

/** The CPython the issue measures against; any other 3.x (>= 3.8) is used when it is missing. */
export const PREFERRED_CPYTHON = [3, 13];

/**
 * @typedef {{ version: string, fullVersion: string, implementation: string, platform: string, executable: string }} PythonMeta
 * @typedef {{ status: "ok", inner: number, estimateMs: number } | { status: "error", reason: string }} Prepared
 * @typedef {{ warmupMs: number, minSampleMs: number }} PrepareOptions
 * @typedef {object} PythonColumn  a live worker
 * @property {true} available
 * @property {string} label
 * @property {PythonMeta} meta
 * @property {(code: { setup: string, stmt: string }, n: number, options: PrepareOptions) => Promise<Prepared>} prepare
 *   builds the case at size n, warms it up and calibrates its inner loop
 * @property {() => Promise<number>} sample  one sample of the prepared case: ms per call
 * @property {() => Promise<void>} release   drops the prepared case
 * @property {() => void} close
 * @typedef {{ available: false, label: string, reason: string }} AbsentColumn
 */

/**
 * Finds a CPython 3.x: `explicit` (--python or PYBUFFER_BENCH_PYTHON) if
 * given, else pyenv's versions and `python3`/`python` on PATH, preferring 3.13.
 *
 * @param {string | undefined} explicit
 * @returns {Promise<PythonColumn | AbsentColumn>}
 */
export async function startCPython(explicit) {
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
  const worker = new LineWorker(chosen.path, [RUNNER]);
  return worker
    .request({ op: "meta" })
    .then((meta) => pythonColumn(worker, `CPython ${meta.version}`, meta))
    .catch((error) => ({ available: false, label: "CPython", reason: `${chosen.path} did not start: ${lastLine(error)}` }));
}

/**
 * Finds a CPython that imports NumPy (pyenv's versions and `python3`/`python`
 * on PATH, the first that can) and starts runner.py's worker on it: the
 * column for cases whose Python side needs NumPy (`requires: "numpy"`),
 * which the preferred CPython of the other rows may lack. Never rejects.
 *
 * @returns {Promise<PythonColumn | AbsentColumn>}
 */
export async function startNumPy() {
  for (const path of candidatePaths()) {
    let version;
    try {
      version = execFileSync(path, ["-c", "import sys, numpy; assert sys.implementation.name == 'cpython'; print(numpy.__version__)"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 20_000,
      }).trim();
    } catch {
      continue; // no NumPy there: try the next one
    }
    const worker = new LineWorker(path, [RUNNER]);
    try {
      const meta = await worker.request({ op: "meta" });
      return pythonColumn(worker, `NumPy ${version} (CPython ${meta.version})`, meta);
    } catch (error) {
      worker.close();
      return { available: false, label: "NumPy", reason: `${path} did not start: ${lastLine(error)}` };
    }
  }
  return { available: false, label: "NumPy", reason: "no CPython with NumPy on PATH or in ~/.pyenv/versions" };
}

/**
 * @param {LineWorker} worker
 * @param {string} label
 * @param {PythonMeta} meta
 * @returns {PythonColumn}
 */
function pythonColumn(worker, label, meta) {
  return {
    available: true,
    label,
    meta,
    prepare: async (code, n, options) => {
      try {
        return await worker.request({ op: "prepare", setup: code.setup, stmt: code.stmt, n, options });
      } catch (error) {
        return { status: "error", reason: `${label} failed: ${lastLine(error)}` };
      }
    },
    sample: async () => {
      const reply = await worker.request({ op: "sample" });
      if (reply.status !== "ok") throw new Error(reply.reason);
      return reply.ms;
    },
    release: async () => {
      await worker.request({ op: "release" });
    },
    close: () => worker.close(),
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
 * Starts Pyodide in its worker process (a few seconds: WebAssembly
 * compilation). Never rejects: a missing or broken pyodide is an absent column.
 *
 * @returns {Promise<PythonColumn | AbsentColumn>}
 */
export async function startPyodide() {
  const worker = new LineWorker(process.execPath, [PYODIDE_WORKER]);
  try {
    const greeting = await worker.next();
    if (greeting.status !== "ready") {
      worker.close();
      return { available: false, label: "Pyodide", reason: greeting.reason ?? "the worker did not start" };
    }
    const { status: _status, ...meta } = greeting;
    return pythonColumn(worker, `Pyodide ${meta.pyodide} (CPython ${meta.version})`, meta);
  } catch (error) {
    worker.close();
    return { available: false, label: "Pyodide", reason: `the worker did not start (${lastLine(error)})` };
  }
}

/** @param {unknown} error */
function lastLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n").pop() ?? text;
}
