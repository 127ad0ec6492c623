#!/usr/bin/env node
/**
 * Runs this package's tests (all but the TSDoc examples, which import the
 * pinned `pyodide` as a user would) over other Pyodide versions, one
 * directory each, through `PYBUFFER_PYODIDE_DIR` (conformance/load-pyodide.js).
 * A manual script: it needs the versions unpacked first, which takes the
 * npm registry (CI tests only the pinned version):
 *
 *   mkdir -p /tmp/pyodide-versions && cd /tmp/pyodide-versions
 *   npm pack pyodide@0.29.5 && mkdir 0.29.5 && tar xzf pyodide-0.29.5.tgz -C 0.29.5 --strip-components=1
 *   node packages/pyodide/scripts/version-matrix.mjs /tmp/pyodide-versions/0.29.5 [more directories...]
 *
 * Per version it prints the tests that passed, the failures of the tests'
 * own Python on an older CPython (`TEST_GAPS`: `_testbuffer`, CPython's test
 * module, which Pyodide before 314 does not ship in its npm package; array
 * typecode 'w', new in 3.13), and the rest, which are the package's real
 * failures. Exit status 1 when any version has one of those.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = resolve(PACKAGE, "../..");
/** Every test file but the TSDoc examples (test/doc-examples.test.ts). */
const SUITES = ["test/from-python", "test/to-python", "test/conformance"];
/**
 * Failures of the test's own Python, not of the package, on an older
 * CPython: each with how it is recognized (the test's name, or its message).
 */
const TEST_GAPS = [
  // CPython's test module; Pyodide before 314 has it only on its CDN. The
  // two adapters build every object as an ndarray.
  { gap: "need _testbuffer", name: /> cpython-(_testbuffer\.ndarray|memoryview) conforms/, message: /_testbuffer/ },
  // array.array's 'w' typecode is new in CPython 3.13 (Pyodide 0.28).
  { gap: "need CPython 3.13 (array typecode 'w')", name: /array\.array\('w'/, message: /bad typecode/ },
];

const directories = process.argv.slice(2);
if (directories.length === 0) {
  console.error("usage: node packages/pyodide/scripts/version-matrix.mjs <unpacked pyodide directory>...");
  process.exit(2);
}

/** Runs the suites over the Pyodide in `directory`; returns vitest's JSON report. */
function runSuites(directory) {
  const scratch = mkdtempSync(join(tmpdir(), "pyodide-matrix-"));
  const output = join(scratch, "report.json");
  try {
    const run = spawnSync(
      "npx",
      ["vitest", "run", "--project", "@pybuffer/pyodide", ...SUITES.map((s) => `packages/pyodide/${s}`), "--reporter=json", `--outputFile=${output}`],
      { cwd: ROOT, env: { ...process.env, PYBUFFER_PYODIDE_DIR: directory }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      return JSON.parse(readFileSync(output, "utf8"));
    } catch {
      throw new Error(`vitest wrote no report for ${directory} (exit ${run.status}):\n${run.stderr.slice(-4000)}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A file's failure outside any test (its setup failed): every test in it counts as failed with that message. */
function outcomes(report) {
  const results = [];
  for (const file of report.testResults) {
    const name = file.name.slice(PACKAGE.length + 1);
    if (file.assertionResults.length === 0) results.push({ name, status: "failed", messages: [file.message ?? "no tests ran"] });
    for (const test of file.assertionResults) {
      results.push({ name: `${name} > ${test.fullName}`, status: test.status, messages: test.failureMessages ?? [] });
    }
  }
  return results;
}

/** The error the package's entry points give a Pyodide it does not support (src/internal/arguments.ts). */
const UNSUPPORTED = /is not supported: @pybuffer\/pyodide needs Pyodide/;
const UNSUPPORTED_MESSAGE = (refused) => refused[0].messages.find((m) => UNSUPPORTED.test(m)).split("\n")[0];

let broken = false;
for (const directory of directories) {
  const { version } = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
  const results = outcomes(runSuites(resolve(directory)));
  const failed = results.filter((r) => r.status !== "passed");
  const refused = failed.filter((r) => r.messages.some((m) => UNSUPPORTED.test(m)));
  if (refused.length > 0 && results.length - failed.length <= refused.length) {
    // Every entry point refuses this version: the package says so, as it should.
    console.log(`pyodide ${version}: refused as unsupported by ${refused.length} tests ("${UNSUPPORTED_MESSAGE(refused)}")`);
    continue;
  }
  const gapOf = (r) => TEST_GAPS.find(({ name, message }) => name.test(r.name) || r.messages.some((m) => message.test(m)))?.gap;
  const real = failed.filter((r) => gapOf(r) === undefined);
  const gaps = TEST_GAPS.map(({ gap }) => `${failed.filter((r) => gapOf(r) === gap).length} ${gap}`);
  console.log(`pyodide ${version}: ${results.length - failed.length} passed, ${gaps.join(", ")}, ${real.length} failed`);
  for (const r of real.slice(0, 10)) console.log(`  FAIL ${r.name}\n    ${(r.messages[0] ?? "").split("\n").slice(0, 3).join("\n    ")}`);
  if (real.length > 0) broken = true;
}
process.exit(broken ? 1 : 0);
