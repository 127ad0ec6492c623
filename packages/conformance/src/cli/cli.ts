/**
 * The command line, as a function: `runCli(argv, io)` returns the exit code.
 * The `pybuffer-conformance` bin is a thin wrapper around it, and tests call
 * it in process. Each command lives in its own module under `commands/`;
 * every option is defined once in `options.ts`.
 *
 * Exit codes: 0 the run passes; 1 it fails (a regression, a stale baseline
 * entry, an error, a timeout, an exhausted budget); 2 the inputs are
 * unusable (bad arguments, adapter, baseline or regression file).
 *
 * @module
 */

import { AdapterDefinitionError } from "../adapter/validate.ts";
import { BaselineError } from "../engine/baseline.ts";
import { IsolationUnavailableError } from "../engine/isolation.ts";
import { AdapterModuleError } from "../engine/load.ts";
import { ConfigurationError } from "../engine/run.ts";
import { SUITE_VERSION } from "../version.ts";
import { flag, parseCommandLine, UsageError } from "./args.ts";
import { commandBaseline } from "./commands/baseline.ts";
import { commandList } from "./commands/list.ts";
import { commandReplay } from "./commands/replay.ts";
import { commandRun } from "./commands/run.ts";
import type { CliIo } from "./io.ts";
import { helpText } from "./options.ts";

export type { CliIo } from "./io.ts";

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the
 * exit code. Never throws.
 *
 * @example
 * ```ts
 * import { runCli } from "@pybuffer/conformance";
 * // As `pybuffer-conformance list`, printing to a string instead of stdout.
 * let printed = "";
 * const code = await runCli(["list"], { stdout: (text) => { printed += text; } });
 * code; // 0
 * printed.includes("getbuf.writable"); // true
 * ```
 *
 * @since 0.1.0
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
    const args = parseCommandLine(argv);
    if (flag(args, "version")) {
      full.stdout(`${SUITE_VERSION}\n`);
      return 0;
    }
    if (flag(args, "help")) {
      full.stdout(helpText());
      return 0;
    }
    switch (args.command) {
      case "replay":
        return await commandReplay(args, full);
      case "baseline":
        return await commandBaseline(args, full);
      case "list":
        return commandList(args, full);
      case "run":
        return (await commandRun(args, full)).code;
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
