/**
 * `pybuffer-conformance baseline --check | --write`: validates the baseline
 * file (refusing placeholder reasons), or creates and refreshes it from a
 * run or a JSON report, keeping the reasons already written.
 *
 * @module
 */

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { BaselineError, EMPTY_BASELINE, formatBaseline, parseBaseline, type Baseline } from "../../engine/baseline.ts";
import { baselineFromReport, TODO_REASON } from "../../engine/baseline-write.ts";
import { ConfigurationError } from "../../engine/run.ts";
import { loadTarget } from "../../engine/plan.ts";
import type { ConformanceReport } from "../../report/types.ts";
import { flag, single, UsageError, type ParsedArgs } from "../args.ts";
import type { CliIo } from "../io.ts";
import { commandRun } from "./run.ts";

export async function commandBaseline(args: ParsedArgs, io: CliIo): Promise<number> {
  const file = single(args, "baseline");
  if (file === undefined) throw new UsageError("baseline needs --baseline <file>");
  if (flag(args, "check") === flag(args, "write")) throw new UsageError("baseline needs --write (create or refresh the file) or --check (validate it)");
  const target = resolve(io.cwd, file);
  return flag(args, "check") ? check(args, io, file, target) : write(args, io, file, target);
}

async function check(args: ParsedArgs, io: CliIo, file: string, target: string): Promise<number> {
  const names = args.positionals.length > 0 ? (await loadTarget(args.positionals, io.cwd)).map((a) => a.validated.name) : undefined;
  const baseline = parseBaseline(readText(target, file), file, names);
  const placeholder = TODO_REASON.split(":")[0]!;
  const unexplained = [...baseline.expectedFailures, ...baseline.flaky, ...baseline.skip].filter((e) => e.reason.trim().startsWith(placeholder));
  if (unexplained.length > 0) {
    throw new BaselineError(
      file,
      unexplained.map((e) => `${e.adapter ? `${e.adapter}/` : ""}${e.id}: the reason is still the placeholder ${JSON.stringify(e.reason)}; write down why it fails (and link the issue)`),
    );
  }
  io.stdout(`${file}: valid (${baseline.expectedFailures.length} expected failures, ${baseline.flaky.length} flaky, ${baseline.skip.length} skipped)\n`);
  return 0;
}

async function write(args: ParsedArgs, io: CliIo, file: string, target: string): Promise<number> {
  let existingText: string | undefined;
  try {
    existingText = readFileSync(target, "utf8");
  } catch {
    existingText = undefined;
  }
  const existing: Baseline = existingText === undefined ? EMPTY_BASELINE : parseBaseline(existingText, file);
  let report: ConformanceReport;
  const from = single(args, "from");
  if (from !== undefined) {
    report = JSON.parse(readText(resolve(io.cwd, from), from)) as ConformanceReport;
    if (report.reportVersion !== 1) throw new ConfigurationError(`${from} is not a version 1 conformance report`);
  } else {
    // The existing file applies to the run (so stale entries are found); a new file starts empty.
    report = (await commandRun(args, io, existingText === undefined ? { baseline: EMPTY_BASELINE } : {})).report;
  }
  const update = baselineFromReport(report, existing);
  writeFileSync(target, formatBaseline(update.baseline));
  io.stdout(
    `wrote ${file}: ${update.baseline.expectedFailures.length} expected failures (${update.added.length} added, ${update.removed.length} stale removed), ${update.baseline.flaky.length} flaky, ${update.baseline.skip.length} skipped\n`,
  );
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
