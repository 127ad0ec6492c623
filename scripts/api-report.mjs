#!/usr/bin/env node
/**
 * API reports: one `api/<name>.api.md` per publishable package, made by
 * API Extractor from the built declarations (build first).
 *
 *   node scripts/api-report.mjs          check: fails when a report differs
 *                                        from the public types (npm test)
 *   node scripts/api-report.mjs --update rewrite the reports (npm run api:update)
 *
 * A change to a package's public surface therefore shows up as a diff of its
 * report in the pull request, where it is reviewed. A package with subpath
 * exports adds one `api-extractor.<subpath>.json` per subpath (its own entry
 * point and report file), checked the same way.
 *
 * Two more checks, in both modes:
 * - every `exports` subpath with types has a report: some config's entry
 *   point is the subpath's `types` file (JSON files and package.json need none);
 * - no declaration file an entry point reaches says `@internal`: what is not
 *   public is not exported (core's unstable `./internal` subpath is exported
 *   on purpose and reported like any other), never merely tagged.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const update = process.argv.includes("--update");

const packages = readdirSync(join(ROOT, "packages"))
  .map((name) => join(ROOT, "packages", name))
  .filter((dir) => existsSync(join(dir, "package.json")) && !JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private);

let failed = 0;
for (const dir of packages) {
  const configPath = join(dir, "api-extractor.json");
  if (!existsSync(configPath)) {
    console.error(`api: FAIL ${dir} is publishable but has no api-extractor.json`);
    failed++;
    continue;
  }
  const subpathConfigs = readdirSync(dir)
    .filter((file) => /^api-extractor\.[\w-]+\.json$/.test(file))
    .sort()
    .map((file) => join(dir, file));
  const configs = [configPath, ...subpathConfigs].map((path) => ({ path, config: ExtractorConfig.loadFileAndPrepare(path) }));
  failed += checkEverySubpathReported(dir, configs);
  for (const { config } of configs) failed += checkNoInternalTag(dir, config.mainEntryPointFilePath);
  for (const { path, config } of configs) {
    if (update) mkdirSync(config.reportFolder, { recursive: true });
    const result = Extractor.invoke(config, { localBuild: update, messageCallback: quietInfo });
    const name = `${config.packageJson?.name ?? dir}${path === configPath ? "" : ` (${basename(path)})`}`;
    if (result.succeeded) {
      console.log(`api: ok ${name}${result.apiReportChanged ? " (report updated)" : ""}`);
    } else {
      console.error(
        `api: FAIL ${name}: ${result.apiReportChanged ? "the public API differs from its committed report; review and run npm run api:update" : `${result.errorCount} error(s)`}`,
      );
      failed++;
    }
  }
}
process.exitCode = failed === 0 ? 0 : 1;


/** The `types` file of each `exports` subpath that has one (JSON files and wildcards of them need no report). */
function typedSubpaths(manifest) {
  const subpaths = [];
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === "./package.json" || typeof target === "string") {
      if (typeof target === "string" && /\.[cm]?js$/.test(target)) subpaths.push({ subpath, types: null });
      continue;
    }
    subpaths.push({ subpath, types: typeof target.types === "string" ? target.types : null });
  }
  return subpaths;
}

/** Every typed `exports` subpath is some config's entry point; returns the number of failures. */
function checkEverySubpathReported(dir, configs) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const entryPoints = new Set(configs.map(({ config }) => resolve(config.mainEntryPointFilePath)));
  let failures = 0;
  for (const { subpath, types } of typedSubpaths(manifest)) {
    const name = `${manifest.name}${subpath.slice(1)}`;
    if (types === null) {
      console.error(`api: FAIL ${name} has no "types" in its exports entry, so it can have no API report`);
      failures++;
    } else if (!entryPoints.has(resolve(dir, types))) {
      console.error(`api: FAIL ${name} (${types}) has no API report: add an api-extractor.<subpath>.json whose mainEntryPointFilePath is it`);
      failures++;
    }
  }
  return failures;
}

/** Fails on `@internal` in any declaration file reachable from `entry` by relative imports; returns the number of failures. */
function checkNoInternalTag(dir, entry) {
  const seen = new Set();
  const pending = [resolve(entry)];
  let failures = 0;
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    const tagged = text.split("\n").flatMap((line, i) => (/@internal\b/.test(line) ? [i + 1] : []));
    if (tagged.length > 0) {
      console.error(
        `api: FAIL ${relative(ROOT, file)}:${tagged.join(",")} says @internal in published declarations: make it private (#private, a module function, core's ./internal) or public and documented`,
      );
      failures++;
    }
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (fileName.startsWith(".")) pending.push(resolve(dirname(file), fileName.replace(/\.([cm]?)js$/, ".d.$1ts")));
    }
  }
  return failures;
}

/** API Extractor prints a banner and progress at "info"; keep warnings and errors only. */
function quietInfo(message) {
  if (message.logLevel === "info" || message.logLevel === "verbose") message.handled = true;
}
