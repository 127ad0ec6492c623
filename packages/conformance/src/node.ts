/**
 * `@pybuffer/conformance` on Node.js: everything the browser-safe entry
 * (`index.ts`) has, plus the command line as a function. Node.js resolves
 * the package to this entry (the `node` export condition); browsers and
 * bundlers for them get `index.ts`, which imports no `node:` module.
 *
 * @module
 */

export * from "./index.ts";
export { runCli, type CliIo } from "./cli/cli.ts";
