/**
 * The command line parsed with `node:util`'s `parseArgs`, against the one
 * option list: each command accepts its own options and refuses the rest.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { closest } from "../internal/closest.ts";
import { CLI_OPTIONS, type Command } from "./options.ts";

/** The arguments cannot be used (exit code 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A parsed command line. */
export interface ParsedArgs {
  readonly command: Command;
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string[] | boolean | undefined>>;
}

const COMMANDS: readonly Command[] = ["run", "replay", "baseline", "list"];

/** Parses `argv` (without `node` and the script); `help` as a command is `--help`. */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  let command: Command = "run";
  if (args[0] === "help") args[0] = "--help";
  else if ((COMMANDS as readonly string[]).includes(args[0] ?? "")) command = args.shift() as Command;
  const options = Object.fromEntries(
    CLI_OPTIONS.filter((o) => o.commands.includes(command)).map((o) => [o.flag, o.placeholder ? { type: "string" as const, multiple: true } : { type: "boolean" as const }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage(error, command));
  }
  const values = parsed.values as Record<string, string[] | boolean | undefined>;
  for (const option of CLI_OPTIONS) {
    const value = values[option.flag];
    if (!option.multiple && Array.isArray(value) && value.length > 1) throw new UsageError(`--${option.flag} is given more than once`);
  }
  return { command, positionals: parsed.positionals, values };
}

/** parseArgs' error, said the suite's way (with the option's name and a suggestion). */
function usageMessage(error: unknown, command: Command): string {
  const e = error as { code?: string; message?: string };
  const flag = /'(-{1,2}[^'\s]+)/.exec(e.message ?? "")?.[1]?.replace(/^-+/, "").split("=")[0];
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag !== undefined) {
    const elsewhere = CLI_OPTIONS.find((o) => o.flag === flag);
    if (elsewhere !== undefined) return `--${flag} is not an option of ${command} (it belongs to ${elsewhere.commands.join(", ")}; see --help)`;
    const hint = closest(flag, CLI_OPTIONS.filter((o) => o.commands.includes(command)).map((o) => o.flag));
    return `unknown option --${flag}${hint ? ` (did you mean --${hint}?)` : ""} (see --help)`;
  }
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag !== undefined) {
    const option = CLI_OPTIONS.find((o) => o.flag === flag);
    return option?.placeholder ? `--${flag} needs a value (${option.placeholder})` : `--${flag} takes no value`;
  }
  return `${e.message ?? String(error)} (see --help)`;
}

/** The single value of a string option. */
export function single(args: ParsedArgs, flag: string): string | undefined {
  const value = args.values[flag];
  return Array.isArray(value) ? value[0] : undefined;
}

/** Every value of a repeatable string option. */
export function all(args: ParsedArgs, flag: string): string[] {
  const value = args.values[flag];
  return Array.isArray(value) ? value : [];
}

/** Whether a boolean flag is set. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** The run options the command line sets, read through the shared definitions. */
export function runOptionsFrom(args: ParsedArgs): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const option of CLI_OPTIONS) {
    const spec = option.run;
    if (spec === undefined) continue;
    const texts = [...all(args, option.flag), ...(spec.key === "properties" ? all(args, "filter") : [])];
    if (texts.length === 0) continue;
    const values = texts.map((text) => {
      try {
        return spec.fromText(text);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    });
    options[spec.key] = spec.multiple ? values : values[0];
  }
  return options;
}
