#!/usr/bin/env node
/**
 * `node packages/bench/src/profile/main.mjs <filter>... [--size 1e5] [--seconds 3] [--top 12] [--column ours|floor] [--inline]`
 *
 * Profiles one column of the matching cases. For each, a child
 * `node --cpu-prof` runs the case at one size in a loop against
 * source-mapped builds of the workspace packages, and this prints the functions with
 * the most self time with their src/*.ts file:line and hottest lines. The
 * .cpuprofile files stay in bench-results/profiles/ (open them in Chrome
 * DevTools or VS Code). Inlining is off unless --inline, so a function's
 * self time is its own (per-call times are then somewhat pessimistic).
 *
 * @module
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sink } from "../lib/measure.mjs";
import { loadCases } from "../lib/registry.mjs";
import { originalLine } from "./source-map.mjs";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const REGISTER = fileURLToPath(new URL("./register.mjs", import.meta.url));
const PROFILES = join(ROOT, "bench-results", "profiles");
const BUILD = join(PROFILES, "build");
/** The workspace packages profiled through source-mapped builds (those present). */
const PACKAGES = ["core", "legacy-buffer", "node-adapter"];
const USAGE =
  "usage: node packages/bench/src/profile/main.mjs <case filter>... [--size 1e5] [--seconds 3] [--top 12] [--column ours|floor] [--inline]";

const args = process.argv.slice(2);
const VALUED = new Set(["--size", "--seconds", "--top", "--column", "--child"]);
/** Positional arguments: the case filters (any of them matches). */
const filters = args.filter((arg, i) => !arg.startsWith("--") && !VALUED.has(/** @type {string} */ (args[i - 1])));
/**
 * @param {string} name
 * @param {string} fallback
 */
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? /** @type {string} */ (args[i + 1]) : fallback;
};
const size = Number(option("--size", "1e5"));
const seconds = Number(option("--seconds", "3"));
const top = Number(option("--top", "12"));
const column = option("--column", "ours");
const inline = args.includes("--inline");

async function main() {
  if (column !== "ours" && column !== "floor") throw new Error("--column is ours or floor");
  if (args[0] === "--child") return child(/** @type {string} */ (args[1]));
  if (filters.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  const cases = (await loadCases()).filter(
    (c) => c.unavailable === undefined && filters.some((f) => `${c.name} ${c.group}`.toLowerCase().includes(f.toLowerCase())),
  );
  if (cases.length === 0) throw new Error(`no case matches ${filters.map((f) => `'${f}'`).join(" or ")}`);
  mkdirSync(PROFILES, { recursive: true });
  const urls = buildPackages();
  for (const benchCase of cases) {
    const slug = `${benchCase.name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${size}-${column}`;
    const file = join(PROFILES, `${slug}.cpuprofile`);
    rmSync(file, { force: true });
    const result = spawnSync(
      process.execPath,
      [
        ...(inline ? [] : ["--no-turbo-inlining"]),
        "--import",
        pathToFileURL(REGISTER).href,
        "--cpu-prof",
        "--cpu-prof-dir",
        PROFILES,
        "--cpu-prof-name",
        `${slug}.cpuprofile`,
        SELF,
        "--child",
        benchCase.name,
        "--size",
        String(size),
        "--seconds",
        String(seconds),
        "--column",
        column,
      ],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, PYBUFFER_BENCH_PACKAGE_URLS: JSON.stringify(urls) },
      },
    );
    if (result.status !== 0 || !existsSync(file)) throw new Error(`profiling ${benchCase.name} failed (exit ${result.status})`);
    const [calls, loopStart] = result.stdout.trim().split(" ").map(Number);
    console.log(
      `\n## ${benchCase.name} (${column}), n = ${size}: ${calls} calls in ${seconds} s, ${formatMs((seconds * 1000) / calls)} per call` +
        `${inline ? "" : " (--no-turbo-inlining)"}`,
    );
    console.log(`   ${relative(ROOT, file)}`);
    console.log(summarize(JSON.parse(readFileSync(file, "utf8")), top, /** @type {number} */ (loopStart)));
  }
}

/**
 * The focused script: setup, then the column in a loop for `seconds`.
 *
 * @param {string} name
 */
async function child(name) {
  const benchCase = (await loadCases()).find((c) => c.name === name);
  if (benchCase === undefined) throw new Error(`no case named ${name}`);
  const state = await benchCase.setup(size);
  const fn = benchCase[/** @type {"ours" | "floor"} */ (column)];
  // The profile's clock is the monotonic clock in µs, as process.hrtime: the
  // parent counts only the samples taken from here on (not start-up, not setup).
  const loopStart = process.hrtime.bigint() / 1000n;
  const end = performance.now() + seconds * 1000;
  let calls = 0;
  while (performance.now() < end) {
    sink.value = fn(state);
    calls++;
  }
  process.stdout.write(`${calls} ${loopStart}\n`);
}

/**
 * Builds the packages' sources with source maps into BUILD/<package> (type
 * errors do not stop the emit); returns specifier to URL of each entry point.
 *
 * @returns {Record<string, string>}
 */
function buildPackages() {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  rmSync(BUILD, { recursive: true, force: true });
  /** @type {Record<string, string>} */
  const urls = {};
  for (const name of PACKAGES) {
    const config = join(ROOT, "packages", name, "tsconfig.build.json");
    if (!existsSync(config)) continue;
    const out = join(BUILD, name);
    const result = spawnSync(
      process.execPath,
      [tsc, "-p", config, "--outDir", out, "--sourceMap", "true", "--declaration", "false", "--declarationMap", "false", "--noEmitOnError", "false"],
      { encoding: "utf8" },
    );
    if (!existsSync(join(out, "index.js"))) throw new Error(`building ${name} with source maps failed:\n${result.stdout}${result.stderr}`);
    urls[`@pybuffer/${name}`] = pathToFileURL(join(out, "index.js")).href;
  }
  return urls;
}

/**
 * The top functions by self time.
 *
 * @param {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number,
 *   positionTicks?: { line: number, ticks: number }[] }[], startTime: number, endTime: number, samples: number[], timeDeltas: number[] }} profile
 * @param {number} limit
 * @param {number} loopStart µs, the profile's clock: samples before it (start-up, setup) are left out
 * @returns {string}
 */
function summarize(profile, limit, loopStart) {
  // Samples per node from loopStart on. Line ticks (positionTicks) cover the
  // whole run; start-up and setup are a small share of them.
  /** @type {Map<number, number>} */
  const counted = new Map();
  let time = profile.startTime;
  const inRange = loopStart >= profile.startTime && loopStart <= profile.endTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += /** @type {number} */ (profile.timeDeltas[i]);
    if (inRange && time < loopStart) continue;
    const id = /** @type {number} */ (profile.samples[i]);
    counted.set(id, (counted.get(id) ?? 0) + 1);
  }
  /** @type {Map<string, { name: string, url: string, line: number, hits: number, lines: Map<number, number> }>} */
  const functions = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = counted.get(node.id) ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") continue;
    total += hits;
    const key = `${functionName}\u0000${url}\u0000${lineNumber}`;
    let entry = functions.get(key);
    if (entry === undefined) {
      entry = { name: functionName || "(anonymous)", url, line: lineNumber + 1, hits: 0, lines: new Map() };
      functions.set(key, entry);
    }
    entry.hits += hits;
    for (const tick of node.positionTicks ?? []) entry.lines.set(tick.line, (entry.lines.get(tick.line) ?? 0) + tick.ticks);
  }
  return [...functions.values()]
    .filter((entry) => entry.hits / total >= 0.005)
    .sort((a, b) => b.hits - a.hits)
    .slice(0, limit)
    .map((entry) => {
      const percent = ((100 * entry.hits) / total).toFixed(1).padStart(5);
      const where = entry.url === "" ? "" : ` ${location(entry.url, entry.line)}`;
      const hot = [...entry.lines.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([line, ticks]) => `${location(entry.url, line, true)} ${((100 * ticks) / total).toFixed(1)}%`);
      return `   ${percent}%  ${entry.name}${where}${hot.length > 0 ? `\n           hot lines: ${hot.join(", ")}` : ""}`;
    })
    .join("\n");
}

/**
 * A repository-relative file:line, through the source map for the profiling build of core.
 *
 * @param {string} url
 * @param {number} line 1-based
 * @param {boolean} [short] only the file name
 */
function location(url, line, short = false) {
  if (!url.startsWith("file://")) return short ? `:${line}` : `${url}:${line}`;
  const path = fileURLToPath(url);
  const original = originalLine(path, line);
  const [file, at] = original ?? [path, line];
  const name = relative(ROOT, file);
  return `${short ? name.replace(/^.*\//, "") : name}:${at}`;
}

/** @param {number} ms */
function formatMs(ms) {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(2)} µs`;
}

await main();
