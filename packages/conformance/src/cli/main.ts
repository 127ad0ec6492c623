#!/usr/bin/env node
/**
 * The `pybuffer-conformance` bin: runs {@link runCli} with the process's
 * arguments and sets the exit code.
 *
 * @module
 */

import { runCli } from "./cli.ts";

// A reader that stops early (`list | head`) closes the pipe: end quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  tty: process.stdout.isTTY === true,
  color: process.stdout.isTTY === true && !("NO_COLOR" in process.env),
});
