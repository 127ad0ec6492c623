/**
 * Worker threads run plain JavaScript (Node 20 cannot strip types), so the
 * worker tests transpile this package and core from their TypeScript
 * sources into a temporary directory, laid out as an installed package
 * would be: `node_modules/@pybuffer/core` and `node-adapter/`, next to the
 * worker script. TypeScript's transpiler does no type checking: it only
 * removes the types and rewrites `./x.ts` imports to `./x.js`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const adapterSources = fileURLToPath(new URL("../../src/", import.meta.url));
// Core's sources, found the way this package resolves `@pybuffer/core` (the workspace link).
const coreSources = join(dirname(createRequire(import.meta.url).resolve("@pybuffer/core/package.json")), "src");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

function transpileTree(from: string, to: string, exports: Record<string, string> = { ".": "./index.js" }): void {
  for (const file of sourceFiles(from)) {
    const output = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        rewriteRelativeImportExtensions: true,
        verbatimModuleSyntax: true,
      },
      fileName: file,
    }).outputText;
    const target = join(to, relative(from, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  writeFileSync(join(to, "package.json"), JSON.stringify({ type: "module", main: "./index.js", exports }));
}

/**
 * Writes the transpiled packages and `script` (an ES module that may import
 * "./node-adapter/index.js" and "@pybuffer/core") into `directory`; returns the script's URL.
 */
export function buildWorker(directory: string, script: string): URL {
  // Core's subpaths as its package.json maps them (`./internal`: the helpers this package shares).
  transpileTree(coreSources, join(directory, "node_modules", "@pybuffer", "core"), { ".": "./index.js", "./internal": "./internal.js" });
  transpileTree(adapterSources, join(directory, "node-adapter"));
  writeFileSync(join(directory, "package.json"), JSON.stringify({ type: "module" }));
  const file = join(directory, "worker.js");
  writeFileSync(file, script);
  return new URL(`file://${file}`);
}
