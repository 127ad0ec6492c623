/**
 * Importing one subpath loads only its own library: the run-time module
 * graph of each entry (type-only imports are erased by the compiler) names
 * no other bridged library.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/** Bare specifiers reached at run time from `entry`, following relative imports. */
function runtimePackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/^(import|export)\s+(type\s+)?[^;]*?\bfrom\s+"([^"]+)";/gms)) {
      if (match[2] !== undefined) continue; // `import type` / `export type`: erased
      const specifier = match[3]!;
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier));
      else packages.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
    }
  };
  visit(resolve(SRC, entry));
  return packages;
}

it.each([
  ["index.ts", ["@pybuffer/core"]],
  ["ndarray/index.ts", ["@pybuffer/core", "ndarray"]],
  ["stdlib-ndarray/index.ts", ["@pybuffer/core", "@stdlib/ndarray"]],
  ["apache-arrow/index.ts", ["@pybuffer/core", "apache-arrow"]],
])("%s loads only %j", (entry, expected) => {
  expect([...runtimePackages(entry)].sort()).toEqual([...expected].sort());
});
