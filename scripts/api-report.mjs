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
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";

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
  for (const path of [configPath, ...subpathConfigs]) {
    const config = ExtractorConfig.loadFileAndPrepare(path);
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

/** API Extractor prints a banner and progress at "info"; keep warnings and errors only. */
function quietInfo(message) {
  if (message.logLevel === "info" || message.logLevel === "verbose") message.handled = true;
}
