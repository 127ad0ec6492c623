/**
 * `pybuffer-conformance run <adapter-module...>`: runs the suite, prints the
 * console report, writes the report files and pins new counterexamples.
 *
 * @module
 */

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { addRegressions, formatRegressions, type Regression } from "../../engine/regressions.ts";
import { ConfigurationError, execute } from "../../engine/run.ts";
import { globMatcher, loadTarget, resolveSettings } from "../../engine/plan.ts";
import type { RunOptions } from "../../engine/run-options.ts";
import { readTextFile } from "../../engine/node-read.ts";
import { consoleReporter } from "../../report/console.ts";
import type { ConformanceReport } from "../../report/types.ts";
import { all, flag, runOptionsFrom, UsageError, type ParsedArgs } from "../args.ts";
import type { CliIo } from "../io.ts";
import { replayCommands, reportTargets, writeReports } from "../reports.ts";

/** Runs the suite; `overrides` replace run options (baseline --write runs without a baseline that does not exist yet). */
export async function commandRun(args: ParsedArgs, io: CliIo, overrides: Partial<RunOptions> = {}): Promise<{ code: number; report: ConformanceReport }> {
  if (args.positionals.length === 0) throw new UsageError("run needs at least one adapter module (e.g. pybuffer-conformance run ./conformance.adapter.js)");
  const targets = reportTargets(all(args, "report"));
  const options: RunOptions = { ...(runOptionsFrom(args) as RunOptions), ...overrides, cwd: io.cwd, env: io.env };
  const loaded = await loadTarget(args.positionals, io.cwd);
  const settings = resolveSettings(options, loaded.map((a) => a.validated.name), readTextFile);
  const pick = globMatcher(settings.adapters);
  const selected = loaded.filter((a) => pick(a.validated.name));
  if (selected.length === 0) throw new ConfigurationError("no adapters to run");
  const modules = new Map(selected.map((a) => [a.validated.name, a.module?.href]));
  const reporter = consoleReporter({
    write: io.stdout,
    tty: io.tty,
    color: io.color && !flag(args, "no-color"),
    verbose: flag(args, "verbose"),
    quiet: flag(args, "quiet"),
    replay: (result) => replayCommands(result, modules.get(result.adapter), io),
  });
  const report = await execute(selected, settings, options.isolation ?? "worker", reporter.onEvent);
  reporter.summary(report);
  writeReports(targets, report, io, (result) => replayCommands(result, modules.get(result.adapter), io));
  if (settings.regressionsPath !== null) pinRegressions(report, settings.regressions, settings.regressionsPath, io);
  return { code: report.verdict === "pass" ? 0 : 1, report };
}

/** Adds the run's new counterexamples to the regression file. */
function pinRegressions(report: ConformanceReport, existing: Parameters<typeof addRegressions>[0], path: string, io: CliIo): void {
  const added: Regression[] = [];
  for (const a of report.adapters) {
    for (const r of a.results) {
      const f = r.failure;
      if ((r.outcome === "fail" || r.outcome === "error") && f?.counterexample && !f.pinned) {
        added.push({ adapter: a.name, id: r.id, case: f.counterexample, check: f.check, found: report.run.startedAt, seed: report.run.seed });
      }
    }
  }
  if (added.length === 0) return;
  const update = addRegressions(existing, added);
  if (update.added === 0) return;
  writeFileSync(resolve(io.cwd, path), formatRegressions(update.file));
  io.stdout(`pinned ${update.added} new counterexample${update.added === 1 ? "" : "s"} in ${path}; later runs try them first\n`);
}
