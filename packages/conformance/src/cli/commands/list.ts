/**
 * `pybuffer-conformance list`: every property with its level, checks, rule
 * and spec references, as text, JSON or the README's markdown table.
 *
 * @module
 */

import { listProperties } from "../../properties/catalog.ts";
import { CONTRACT_VERSION, SUITE_NAME, SUITE_VERSION } from "../../version.ts";
import { single, UsageError, type ParsedArgs } from "../args.ts";
import type { CliIo } from "../io.ts";

export function commandList(args: ParsedArgs, io: CliIo): number {
  const format = single(args, "format") ?? "text";
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
