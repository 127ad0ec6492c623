/**
 * The command line, as a function: `runCli(argv, io)` returns the exit code.
 * The `pybuffer-conformance` bin is a thin wrapper around it, and tests call
 * it in process.
 *
 * Exit codes: 0 the run passes; 1 it fails (a regression, a stale baseline
 * entry, an error or a timeout); 2 the inputs are unusable (bad arguments,
 * adapter, baseline or regression file).
 *
 * @module
 */

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AdapterDefinitionError } from "../adapter/validate.ts";
import { BaselineError, EMPTY_BASELINE, formatBaseline, parseBaseline, type Baseline } from "../engine/baseline.ts";
import { baselineFromReport } from "../engine/baseline-write.ts";
import { AdapterModuleError } from "../engine/load.ts";
import { addRegressions, formatRegressions, type Regression } from "../engine/regressions.ts";
import { replay } from "../engine/replay.ts";
import { ConfigurationError, execute, globMatcher, loadTarget, resolveSettings, type RunOptions } from "../engine/run.ts";
import { IsolationUnavailableError } from "../engine/isolation.ts";
import type { CaseSpec } from "../model/case.ts";
import { listProperties, type Level } from "../properties/catalog.ts";
import { consoleReporter } from "../report/console.ts";
import { jsonReport } from "../report/json.ts";
import { junitReport } from "../report/junit.ts";
import { textReport } from "../report/text.ts";
import type { ConformanceReport, PropertyResult } from "../report/types.ts";
import { CONTRACT_VERSION, SUITE_NAME, SUITE_VERSION } from "../version.ts";

/** Where the CLI reads and writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly tty: boolean;
  readonly color: boolean;
}

const HELP = `Usage: pybuffer-conformance <command> [options]

Commands:
  run <adapter-module...>       Run the suite (the default command).
  replay <adapter-module>       Re-run one property from a failure's seed and path, or its --case.
  baseline --write <adapter-module...>
                                Run, then create or refresh the baseline file (or --from a JSON report).
  baseline --check [<adapter-module...>]
                                Validate the baseline file.
  list                          List every property: id, level, rule, spec references.

Run options:
  --seed <int>                  Run seed (default: $CONFORMANCE_SEED, else random). Printed first.
  --profile quick|full          Case counts and sizes (default quick).
  --num-runs <n>                Cases per property (overrides the profile).
  --timeout <ms>                Budget per property (default 30000); a hung property fails.
  --max-duration <seconds>      Budget of the whole run (default 600); what did not start is reported
                                as skipped (budget) and the run cannot pass. Reports are written.
  --baseline <file>             Known failures, flaky and skipped properties.
  --regressions <file>          Pinned counterexamples: run first; new failures are added.
  --report <kind>[=<file>]      json, junit or text (repeatable; <file> may be - for stdout).
                                Defaults: conformance-report.json, conformance-junit.xml, conformance-results.txt
  --adapter <glob>              Only adapters whose name matches (repeatable).
  --property <glob>             Only properties whose id matches (repeatable; alias --filter).
                                A pattern that matches nothing is an error (exit 2).
  --level must|should|may       Lowest requirement level to run (default may: everything).
  --isolation worker|none       Run each adapter in a worker with a hard deadline (default worker).
  --verbose                     Print every property.
  --quiet                       Print only gating results and the verdict line.
  --no-color                    No ANSI colours.

Replay options:
  --adapter <name>              The adapter to replay (needed when the module exports several).
  --property <id>               The property to replay.
  --seed <int> [--path <path>]  The failure's run seed and fast-check path,
  --case '<json>'               or its counterexample literal.
  --profile, --num-runs, --timeout, --no-color as for run.

Baseline options:
  --baseline <file>             The baseline file (required).
  --write                       Run (or read --from) and create or refresh the file, keeping your reasons.
  --from <report.json>          With --write: take the results of a JSON report instead of running.
  --check                       Validate the file (and its adapter names, given the modules); refuse placeholder reasons.

List options:
  --format text|json|markdown   Output format (default text).

Other:
  --help                        This text.
  --version                     The suite's version.

Exit codes: 0 pass, 1 fail (regression, stale baseline entry, error, timeout), 2 bad input.
`;

interface Parsed {
  readonly command: string;
  readonly positional: string[];
  readonly options: Map<string, string[]>;
  readonly flags: Set<string>;
}

const VALUE_OPTIONS = new Set([
  "seed",
  "profile",
  "num-runs",
  "timeout",
  "max-duration",
  "baseline",
  "regressions",
  "report",
  "adapter",
  "property",
  "filter",
  "level",
  "isolation",
  "path",
  "case",
  "from",
  "format",
]);
const FLAG_OPTIONS = new Set(["verbose", "no-color", "write", "check", "help", "version", "quiet"]);
const COMMANDS = new Set(["run", "replay", "baseline", "list", "help"]);

class UsageError extends Error {}

function parse(argv: readonly string[]): Parsed {
  const args = [...argv];
  let command = "run";
  if (args.length > 0 && COMMANDS.has(args[0]!)) command = args.shift()!;
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === "--") {
      positional.push(...args.splice(0));
      break;
    }
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf("=");
    if (eq !== -1 && VALUE_OPTIONS.has(name.slice(0, eq))) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (FLAG_OPTIONS.has(name)) {
      flags.add(name);
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option --${name} (see --help)`);
    if (value === undefined) {
      if (args.length === 0) throw new UsageError(`--${name} needs a value`);
      value = args.shift()!;
    }
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { command, positional, options, flags };
}

function one(p: Parsed, name: string): string | undefined {
  const values = p.options.get(name);
  if (values !== undefined && values.length > 1) throw new UsageError(`--${name} is given more than once`);
  return values?.[0];
}

function integer(p: Parsed, name: string): number | undefined {
  const raw = one(p, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${name} must be an integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function runOptions(p: Parsed, io: CliIo): RunOptions {
  const profile = one(p, "profile");
  if (profile !== undefined && profile !== "quick" && profile !== "full") throw new UsageError(`--profile must be quick or full, got ${JSON.stringify(profile)}`);
  const level = one(p, "level");
  const levels: Record<string, Level> = { must: "MUST", should: "SHOULD", may: "MAY" };
  if (level !== undefined && levels[level.toLowerCase()] === undefined) throw new UsageError(`--level must be must, should or may, got ${JSON.stringify(level)}`);
  const isolation = one(p, "isolation");
  if (isolation !== undefined && isolation !== "worker" && isolation !== "none") throw new UsageError(`--isolation must be worker or none, got ${JSON.stringify(isolation)}`);
  const seed = integer(p, "seed");
  const numRuns = integer(p, "num-runs");
  const timeout = integer(p, "timeout");
  const maxDuration = integer(p, "max-duration");
  const baseline = one(p, "baseline");
  const regressions = one(p, "regressions");
  return {
    cwd: io.cwd,
    env: io.env,
    ...(seed !== undefined ? { seed } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(numRuns !== undefined ? { numRuns } : {}),
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
    ...(maxDuration !== undefined ? { maxDurationMs: maxDuration * 1000 } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(regressions !== undefined ? { regressions } : {}),
    ...(level !== undefined ? { level: levels[level.toLowerCase()]! } : {}),
    ...(isolation !== undefined ? { isolation } : {}),
    adapters: p.options.get("adapter") ?? [],
    properties: [...(p.options.get("property") ?? []), ...(p.options.get("filter") ?? [])],
  };
}

/** Shell-quotes one argument for a POSIX shell. */
function quote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/** Ready-to-paste replay commands for a failure. */
function replayCommands(result: PropertyResult, modulePath: string | undefined, io: CliIo): string[] {
  const f = result.failure;
  // A timeout's replay would hang this thread too; an adapter error has nothing to replay.
  if (f === undefined || modulePath === undefined || f.check === "timeout" || f.check === "adapter") return [];
  const absolute = fileURLToPath(modulePath);
  const relativePath = relative(io.cwd, absolute);
  const path = relativePath === "" || relativePath.startsWith("..") || isAbsolute(relativePath) ? absolute : `./${relativePath}`;
  const base = `npx pybuffer-conformance replay ${quote(path)} --adapter ${quote(result.adapter)} --property ${quote(result.id)}`;
  const commands: string[] = [];
  if (f.path !== null && f.counterexample !== null && !f.pinned) commands.push(`${base} --seed ${f.seed} --path ${quote(f.path)}`);
  if (f.counterexample !== null) commands.push(`${base} --case ${quote(JSON.stringify(f.counterexample))}`);
  if (commands.length === 0) commands.push(`${base} --seed ${f.seed}`);
  return commands;
}

/** Writes the requested report files. */
function writeReports(p: Parsed, report: ConformanceReport, io: CliIo): void {
  const defaults: Record<string, string> = { json: "conformance-report.json", junit: "conformance-junit.xml", text: "conformance-results.txt" };
  const render: Record<string, (r: ConformanceReport) => string> = { json: jsonReport, junit: junitReport, text: textReport };
  for (const spec of p.options.get("report") ?? []) {
    const eq = spec.indexOf("=");
    const kind = eq === -1 ? spec : spec.slice(0, eq);
    const file = eq === -1 ? defaults[kind] : spec.slice(eq + 1);
    if (render[kind] === undefined || file === undefined) throw new UsageError(`--report takes json, junit or text (optionally =<file>), got ${JSON.stringify(spec)}`);
    const text = render[kind](report);
    if (file === "-") {
      io.stdout(text);
    } else {
      const target = isAbsolute(file) ? file : resolve(io.cwd, file);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      io.stderr(`wrote ${kind} report to ${file}\n`);
    }
  }
}

function validateReportKinds(p: Parsed): void {
  for (const spec of p.options.get("report") ?? []) {
    const kind = spec.split("=")[0]!;
    if (!["json", "junit", "text"].includes(kind)) throw new UsageError(`--report takes json, junit or text (optionally =<file>), got ${JSON.stringify(spec)}`);
  }
}

async function commandRun(p: Parsed, io: CliIo): Promise<{ code: number; report?: ConformanceReport }> {
  if (p.positional.length === 0) throw new UsageError("run needs at least one adapter module (e.g. pybuffer-conformance run ./conformance.adapter.js)");
  validateReportKinds(p);
  const options = runOptions(p, io);
  const all = await loadTarget(p.positional, io.cwd);
  const pick = globMatcher(options.adapters ?? []);
  const loaded = all.filter((a) => pick(a.validated.name));
  if (loaded.length === 0) throw new ConfigurationError(`no adapter matches ${(options.adapters ?? []).join(", ")} (adapters: ${all.map((a) => a.validated.name).join(", ")})`);
  const settings = resolveSettings(options, all.map((a) => a.validated.name));
  const modules = new Map(loaded.map((a) => [a.validated.name, a.module?.href]));
  const reporter = consoleReporter({
    write: io.stdout,
    tty: io.tty,
    color: io.color && !p.flags.has("no-color"),
    verbose: p.flags.has("verbose"),
    quiet: p.flags.has("quiet"),
    replay: (result) => replayCommands(result, modules.get(result.adapter), io),
  });
  const report = await execute(loaded, settings, options.isolation ?? "worker", reporter.onEvent);
  reporter.summary(report);
  writeReports(p, report, io);
  if (settings.regressionsPath !== null) {
    const added: Regression[] = [];
    for (const a of report.adapters) {
      for (const r of a.results) {
        const f = r.failure;
        if ((r.outcome === "fail" || r.outcome === "error") && f?.counterexample && !f.pinned) {
          added.push({ adapter: a.name, id: r.id, case: f.counterexample, check: f.check, found: report.run.startedAt, seed: report.run.seed });
        }
      }
    }
    if (added.length > 0) {
      const update = addRegressions(settings.regressions, added);
      if (update.added > 0) {
        writeFileSync(resolve(io.cwd, settings.regressionsPath), formatRegressions(update.file));
        io.stdout(`pinned ${update.added} new counterexample${update.added === 1 ? "" : "s"} in ${settings.regressionsPath}; later runs try them first\n`);
      }
    }
  }
  return { code: report.verdict === "pass" ? 0 : 1, report };
}

async function commandReplay(p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1) throw new UsageError("replay takes one adapter module");
  const property = one(p, "property") ?? one(p, "filter");
  if (property === undefined) throw new UsageError("replay needs --property <id>");
  const caseText = one(p, "case");
  let spec: CaseSpec | undefined;
  if (caseText !== undefined) {
    try {
      spec = JSON.parse(caseText) as CaseSpec;
    } catch (error) {
      throw new UsageError(`--case is not valid JSON: ${(error as Error).message}`);
    }
  }
  const seed = integer(p, "seed");
  const path = one(p, "path");
  const adapter = one(p, "adapter");
  const profile = one(p, "profile");
  const numRuns = integer(p, "num-runs");
  const timeout = integer(p, "timeout");
  const result = await replay(p.positional[0]!, property, {
    cwd: io.cwd,
    ...(seed !== undefined ? { seed } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(spec !== undefined ? { case: spec } : {}),
    ...(adapter !== undefined ? { adapter } : {}),
    ...(profile !== undefined ? { profile: profile as "quick" | "full" } : {}),
    ...(numRuns !== undefined ? { numRuns } : {}),
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
  });
  const reporter = consoleReporter({ write: io.stdout, color: io.color && !p.flags.has("no-color") });
  io.stdout(`replay ${result.adapter} ${result.id}${seed !== undefined ? ` --seed ${seed}` : ""}${path !== undefined ? ` --path ${path}` : ""}${spec ? " --case" : ""}\n`);
  if (result.status === "pass") io.stdout(`PASS ${result.id} (${result.cases} case${result.cases === 1 ? "" : "s"})\n`);
  else if (result.status === "skipped") io.stdout(`SKIPPED ${result.id}: ${result.skip?.reason}\n`);
  else reporter.onEvent({ type: "property-end", adapter: result.adapter, result, done: 1, total: 1 });
  return result.status === "pass" || result.status === "skipped" ? 0 : 1;
}

async function commandBaseline(p: Parsed, io: CliIo): Promise<number> {
  const file = one(p, "baseline");
  if (file === undefined) throw new UsageError("baseline needs --baseline <file>");
  const target = resolve(io.cwd, file);
  if (p.flags.has("check")) {
    const names = p.positional.length > 0 ? (await loadTarget(p.positional, io.cwd)).map((a) => a.validated.name) : undefined;
    const text = readText(target, file);
    const baseline = parseBaseline(text, file, names);
    const unexplained = [...baseline.expectedFailures, ...baseline.flaky, ...baseline.skip].filter((e) => e.reason.trim().startsWith("TODO"));
    if (unexplained.length > 0) {
      throw new BaselineError(
        file,
        unexplained.map((e) => `${e.adapter ? `${e.adapter}/` : ""}${e.id}: the reason is still the placeholder ${JSON.stringify(e.reason)}; write down why it fails (and link the issue)`),
      );
    }
    io.stdout(`${file}: valid (${baseline.expectedFailures.length} expected failures, ${baseline.flaky.length} flaky, ${baseline.skip.length} skipped)\n`);
    return 0;
  }
  if (!p.flags.has("write")) throw new UsageError("baseline needs --write (create or refresh the file) or --check (validate it)");
  let existing: Baseline = EMPTY_BASELINE;
  let existingText: string | undefined;
  try {
    existingText = readFileSync(target, "utf8");
  } catch {
    existingText = undefined;
  }
  let report: ConformanceReport;
  const from = one(p, "from");
  if (from !== undefined) {
    report = JSON.parse(readText(resolve(io.cwd, from), from)) as ConformanceReport;
    if (report.reportVersion !== 1) throw new ConfigurationError(`${from} is not a version 1 conformance report`);
    if (existingText !== undefined) existing = parseBaseline(existingText, file);
  } else {
    if (existingText !== undefined) existing = parseBaseline(existingText, file);
    // The existing file applies to the run (so stale entries are found); a new file starts empty.
    const options = new Map(p.options);
    if (existingText === undefined) options.delete("baseline");
    const run = await commandRun({ ...p, options, command: "run" }, io);
    report = run.report!;
  }
  const update = baselineFromReport(report, existing);
  writeFileSync(target, formatBaseline(update.baseline));
  io.stdout(`wrote ${file}: ${update.baseline.expectedFailures.length} expected failures (${update.added.length} added, ${update.removed.length} stale removed), ${update.baseline.flaky.length} flaky, ${update.baseline.skip.length} skipped\n`);
  if (update.added.length > 0) io.stdout(`new entries say "TODO": write down why each fails (and link the issue) before committing\n`);
  return 0;
}

function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigurationError(`cannot read ${shown}: ${(error as Error).message}`);
  }
}

function commandList(p: Parsed, io: CliIo): number {
  const format = one(p, "format") ?? "text";
  const properties = listProperties();
  if (format === "json") {
    io.stdout(`${JSON.stringify({ suite: SUITE_NAME, version: SUITE_VERSION, contract: CONTRACT_VERSION, properties }, null, 2)}\n`);
  } else if (format === "markdown") {
    io.stdout("| id | level | rule | checks | spec |\n| --- | --- | --- | --- | --- |\n");
    for (const x of properties) {
      io.stdout(`| \`${x.id}\` | ${x.level} | ${x.rule.replace(/\|/g, "\\|")} | ${x.checks.map((c) => `\`${c}\``).join(", ")} | ${x.specRefs.map((r) => `[${r.label}](${r.url})`).join(", ")} |\n`);
    }
  } else if (format === "text") {
    for (const x of properties) io.stdout(`${x.id.padEnd(44)} ${x.level.padEnd(6)} ${x.checks.join(",")}\n`);
  } else {
    throw new UsageError(`--format must be text, json or markdown, got ${JSON.stringify(format)}`);
  }
  return 0;
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the
 * exit code. Never throws.
 *
 * @example
 * ```ts
 * import { runCli } from "@pybuffer/conformance";
 * const code = await runCli(["run", "./conformance.adapter.js", "--seed", "1"]);
 * ```
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = {
    stdout: io.stdout ?? ((text) => process.stdout.write(text)),
    stderr: io.stderr ?? ((text) => process.stderr.write(text)),
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
    tty: io.tty ?? false,
    color: io.color ?? false,
  };
  try {
    const p = parse(argv);
    if (p.flags.has("version")) {
      full.stdout(`${SUITE_VERSION}\n`);
      return 0;
    }
    if (p.flags.has("help") || p.command === "help") {
      full.stdout(HELP);
      return 0;
    }
    switch (p.command) {
      case "replay":
        return await commandReplay(p, full);
      case "baseline":
        return await commandBaseline(p, full);
      case "list":
        return commandList(p, full);
      default:
        return (await commandRun(p, full)).code;
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigurationError ||
      error instanceof AdapterDefinitionError ||
      error instanceof AdapterModuleError ||
      error instanceof BaselineError ||
      error instanceof IsolationUnavailableError
    ) {
      full.stderr(`pybuffer-conformance: ${error.message}\n`);
      return 2;
    }
    full.stderr(`pybuffer-conformance: internal error: ${String((error as Error)?.stack ?? error)}\n`);
    return 2;
  }
}
