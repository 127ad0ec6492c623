/**
 * The report files a run writes (`--report kind[=file]`) and the replay
 * commands printed under each failure.
 *
 * @module
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { htmlReport } from "../report/html.ts";
import { jsonReport } from "../report/json.ts";
import { junitReport } from "../report/junit.ts";
import { textReport } from "../report/text.ts";
import type { ConformanceReport, PropertyResult } from "../report/types.ts";
import { UsageError } from "./args.ts";
import type { CliIo } from "./io.ts";

const DEFAULT_FILES: Readonly<Record<string, string>> = {
  json: "conformance-report.json",
  junit: "conformance-junit.xml",
  text: "conformance-results.txt",
  html: "conformance-report.html",
};
type Render = (report: ConformanceReport, replay: (result: PropertyResult) => readonly string[]) => string;
const RENDER: Readonly<Record<string, Render>> = {
  json: jsonReport,
  junit: junitReport,
  text: textReport,
  html: (report, replay) => htmlReport(report, { replay }),
};

/** The `--report` specs as kind and file; refuses unknown kinds before anything runs. */
export function reportTargets(specs: readonly string[]): { kind: string; file: string }[] {
  return specs.map((spec) => {
    const eq = spec.indexOf("=");
    const kind = eq === -1 ? spec : spec.slice(0, eq);
    const file = eq === -1 ? DEFAULT_FILES[kind] : spec.slice(eq + 1);
    if (RENDER[kind] === undefined || file === undefined || file === "") {
      throw new UsageError(`--report takes json, junit, text or html (optionally =<file>), got ${JSON.stringify(spec)}`);
    }
    return { kind, file };
  });
}

/** Writes each report (`-` is stdout). */
export function writeReports(
  targets: readonly { kind: string; file: string }[],
  report: ConformanceReport,
  io: CliIo,
  replay: (result: PropertyResult) => readonly string[],
): void {
  for (const { kind, file } of targets) {
    const text = RENDER[kind]!(report, replay);
    if (file === "-") {
      io.stdout(text);
      continue;
    }
    const target = isAbsolute(file) ? file : resolve(io.cwd, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    io.stderr(`wrote ${kind} report to ${file}\n`);
  }
}

/** Shell-quotes one argument for a POSIX shell. */
function quote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/** Ready-to-paste replay commands for a failure. */
export function replayCommands(result: PropertyResult, modulePath: string | undefined, io: CliIo): string[] {
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
