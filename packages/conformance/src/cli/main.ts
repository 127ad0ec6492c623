#!/usr/bin/env node
/**
 * The `pybuffer-conformance` bin: runs {@link runCli} with the process's
 * arguments and sets the exit code.
 *
 * @module
 */

import { runCli } from "./cli.ts";

process.exitCode = await runCli(process.argv.slice(2), {
  tty: process.stdout.isTTY === true,
  color: process.stdout.isTTY === true && !("NO_COLOR" in process.env),
});
