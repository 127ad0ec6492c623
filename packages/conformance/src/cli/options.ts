/**
 * Every command-line option, defined once: the run options come from the
 * engine's {@link RUN_OPTIONS} (shared with `runConformance` and the vitest
 * integration), the rest are the commands' own. The parser, `--help` and
 * the per-command checks are all built from this list.
 *
 * @module
 */

import { RUN_OPTIONS, type RunOptionSpec } from "../engine/run-options.ts";

/** The CLI's commands. */
export type Command = "run" | "replay" | "baseline" | "list";

/** One command-line option. */
export interface CliOption {
  readonly flag: string;
  /** The value's name in `--help`; absent for a boolean flag. */
  readonly placeholder?: string;
  readonly multiple: boolean;
  readonly help: string;
  /** The commands that take it. */
  readonly commands: readonly Command[];
  /** The run option it sets, if any. */
  readonly run?: RunOptionSpec;
}

const ALL: readonly Command[] = ["run", "replay", "baseline", "list"];
const RUNS: readonly Command[] = ["run", "baseline"];
/** Run options that also shape a replay. */
const REPLAYED = new Set(["seed", "profile", "num-runs", "timeout", "adapter", "property"]);

/** Every option, in `--help` order. */
export const CLI_OPTIONS: readonly CliOption[] = [
  ...RUN_OPTIONS.map(
    (spec): CliOption => ({
      flag: spec.flag,
      placeholder: spec.placeholder,
      multiple: spec.multiple,
      help: spec.help,
      commands: REPLAYED.has(spec.flag) ? ["run", "baseline", "replay"] : RUNS,
      run: spec,
    }),
  ),
  { flag: "filter", placeholder: "<glob>", multiple: true, help: "Alias of --property.", commands: ["run", "baseline", "replay"] },
  {
    flag: "report",
    placeholder: "<kind>[=<file>]",
    multiple: true,
    help: "json, junit, text or html (repeatable; <file> may be - for stdout). Default files: conformance-report.json, conformance-junit.xml, conformance-results.txt, conformance-report.html.",
    commands: RUNS,
  },
  { flag: "verbose", multiple: false, help: "Print every property.", commands: RUNS },
  { flag: "quiet", multiple: false, help: "Print only gating results, adapter errors and the verdict line.", commands: RUNS },
  { flag: "no-color", multiple: false, help: "No ANSI colours.", commands: ALL },
  { flag: "path", placeholder: "<path>", multiple: false, help: "Replay: the failure's fast-check path (with --seed).", commands: ["replay"] },
  { flag: "case", placeholder: "'<json>'", multiple: false, help: "Replay: the failure's counterexample literal (instead of --seed).", commands: ["replay"] },
  { flag: "write", multiple: false, help: "Baseline: run (or read --from) and create or refresh the file, keeping your reasons.", commands: ["baseline"] },
  { flag: "from", placeholder: "<report.json>", multiple: false, help: "Baseline --write: take the results of a JSON report instead of running.", commands: ["baseline"] },
  { flag: "check", multiple: false, help: "Baseline: validate the file (and its adapter names, given the modules); refuse placeholder reasons.", commands: ["baseline"] },
  { flag: "format", placeholder: "text|json|markdown", multiple: false, help: "List: output format (default text).", commands: ["list"] },
  { flag: "help", multiple: false, help: "This text.", commands: ALL },
  { flag: "version", multiple: false, help: "The suite's version.", commands: ALL },
];

const SECTIONS: readonly [string, (o: CliOption) => boolean][] = [
  ["Run options (run, baseline --write)", (o) => o.commands.includes("run")],
  ["Replay options (and --seed, --profile, --num-runs, --timeout, --adapter, --property above)", (o) => o.commands.length === 1 && o.commands[0] === "replay"],
  ["Baseline options (and --baseline above)", (o) => o.commands.length === 1 && o.commands[0] === "baseline"],
  ["List options", (o) => o.commands.length === 1 && o.commands[0] === "list"],
  ["Everywhere", (o) => o.commands.length === ALL.length],
];

/** `--help`, built from {@link CLI_OPTIONS}. */
export function helpText(): string {
  const lines = [
    "Usage: pybuffer-conformance <command> [options]",
    "",
    "Commands:",
    "  run <adapter-module...>       Run the suite (the default command).",
    "  replay <adapter-module>       Re-run one property from a failure's seed and path, or its --case.",
    "  baseline --write <adapter-module...>",
    "                                Run, then create or refresh the baseline file (or --from a JSON report).",
    "  baseline --check [<adapter-module...>]",
    "                                Validate the baseline file.",
    "  list                          List every property: id, level, rule, spec references.",
  ];
  for (const [title, belongs] of SECTIONS) {
    lines.push("", `${title}:`);
    for (const option of CLI_OPTIONS.filter((o) => belongs(o) && !(o.commands.length === ALL.length && title !== "Everywhere"))) {
      const head = `  --${option.flag}${option.placeholder ? ` ${option.placeholder}` : ""}`;
      lines.push(head.length < 32 ? `${head.padEnd(32)}${option.help}` : `${head}\n${" ".repeat(32)}${option.help}`);
    }
  }
  lines.push("", "Exit codes: 0 pass, 1 fail (regression, stale baseline entry, error, timeout, budget), 2 bad input.", "");
  return lines.join("\n");
}
