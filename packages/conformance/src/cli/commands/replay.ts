/**
 * `pybuffer-conformance replay <adapter-module> --property <id>`: runs one
 * property again from a failure's seed and path, or from its counterexample.
 *
 * @module
 */

import { replay, type ReplayOptions } from "../../engine/replay.ts";
import type { CaseSpec } from "../../model/case.ts";
import { consoleReporter } from "../../report/console.ts";
import { all, flag, runOptionsFrom, single, UsageError, type ParsedArgs } from "../args.ts";
import type { CliIo } from "../io.ts";

export async function commandReplay(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError("replay takes one adapter module");
  const ids = [...all(args, "property"), ...all(args, "filter")];
  if (ids.length !== 1) throw new UsageError("replay needs one --property <id>");
  const adapters = all(args, "adapter");
  if (adapters.length > 1) throw new UsageError("replay takes one --adapter <name>");
  const caseText = single(args, "case");
  let spec: CaseSpec | undefined;
  if (caseText !== undefined) {
    try {
      spec = JSON.parse(caseText) as CaseSpec;
    } catch (error) {
      throw new UsageError(`--case is not valid JSON: ${(error as Error).message}`);
    }
  }
  const run = runOptionsFrom(args) as Pick<ReplayOptions, "seed" | "profile" | "numRuns" | "timeoutMs">;
  const path = single(args, "path");
  const result = await replay(args.positionals[0]!, ids[0]!, {
    cwd: io.cwd,
    ...(run.seed !== undefined ? { seed: run.seed } : {}),
    ...(run.profile !== undefined ? { profile: run.profile } : {}),
    ...(run.numRuns !== undefined ? { numRuns: run.numRuns } : {}),
    ...(run.timeoutMs !== undefined ? { timeoutMs: run.timeoutMs } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(spec !== undefined ? { case: spec } : {}),
    ...(adapters[0] !== undefined ? { adapter: adapters[0] } : {}),
  });
  const reporter = consoleReporter({ write: io.stdout, color: io.color && !flag(args, "no-color") });
  io.stdout(`replay ${result.adapter} ${result.id}${run.seed !== undefined ? ` --seed ${run.seed}` : ""}${path !== undefined ? ` --path ${path}` : ""}${spec ? " --case" : ""}\n`);
  if (result.status === "pass") io.stdout(`PASS ${result.id} (${result.cases} case${result.cases === 1 ? "" : "s"})\n`);
  else if (result.status === "skipped") io.stdout(`SKIPPED ${result.id}: ${result.skip?.reason}\n`);
  else reporter.onEvent({ type: "property-end", adapter: result.adapter, result, done: 1, total: 1 });
  return result.status === "pass" || result.status === "skipped" ? 0 : 1;
}
