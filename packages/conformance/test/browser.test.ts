/**
 * The programmatic API in a browser: headless Chromium imports the built
 * browser entry (dist/index.js, which imports no `node:` module and touches
 * no `process`) through an import map, runs the suite on the built-in
 * exporters and renders the verdict into the page, read through
 * puppeteer-core. Needs the build and Debian's `chromium` (`.ci/run`
 * installs it when missing).
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch } from "puppeteer-core";
import { describe, expect, test } from "vitest";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const root = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const ENTRY = root("../dist/index.js");
const built = existsSync(ENTRY) && existsSync(root("../../core/dist/index.js"));

/**
 * ajv ships CommonJS, which a browser cannot import: bundle its entry to one
 * ES module, as a user's bundler would (rolldown comes with vite).
 */
async function bundleAjv(dir: string): Promise<string> {
  const { build } = await import("rolldown");
  const entry = join(dir, "ajv-entry.js");
  const ajv = JSON.stringify(root("../../../node_modules/ajv/dist/2020.js"));
  writeFileSync(entry, `import ajv from ${ajv};\nexport const Ajv2020 = ajv.Ajv2020;\n`);
  const out = join(dir, "ajv.js");
  await build({ input: entry, output: { file: out, format: "esm" }, logLevel: "silent" });
  return out;
}

/** An import map for the browser entry and its dependencies, read from their package.json exports. */
function importMap(ajv: string): Record<string, string> {
  const modules = root("../../../node_modules/");
  const url = (path: string): string => pathToFileURL(path).href;
  const pureRand = JSON.parse(readFileSync(join(modules, "pure-rand/package.json"), "utf8")) as { exports: Record<string, { import?: string }> };
  const map: Record<string, string> = {
    "@pybuffer/conformance": url(ENTRY),
    "@pybuffer/core": url(root("../../core/dist/index.js")),
    "fast-check": url(join(modules, "fast-check/lib/fast-check.js")),
    "ajv/dist/2020.js": url(ajv),
  };
  for (const [key, target] of Object.entries(pureRand.exports)) {
    if (key.startsWith("./") && target.import) map[`pure-rand${key.slice(1)}`] = url(join(modules, "pure-rand", target.import));
  }
  return map;
}

describe.skipIf(!built || CHROMIUM === undefined)("in a browser (headless Chromium)", () => {
  test("runConformance, the catalog and the reporters run on the built-in exporters", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pybuffer-conformance-browser-"));
    try {
      const page = join(dir, "page.html");
      writeFileSync(
        page,
        `<!doctype html><meta charset="utf-8"><script type="importmap">${JSON.stringify({ imports: importMap(await bundleAjv(dir)) })}</script>
<pre id="result">pending</pre>
<script type="module">
const out = document.getElementById("result");
try {
  const suite = await import("@pybuffer/conformance");
  const { builtinAdapters } = await import(${JSON.stringify(pathToFileURL(root("../adapters/builtins.js")).href)});
  // SharedArrayBuffer needs cross-origin isolation in a browser; a file page has none.
  const adapters = builtinAdapters.filter((a) => typeof SharedArrayBuffer === "function" || !a.name.includes("SharedArrayBuffer"));
  const report = await suite.runConformance(adapters, { seed: 7, numRuns: 4 });
  const text = suite.textReport(report);
  const html = suite.htmlReport(report);
  out.textContent = JSON.stringify({
    verdict: report.verdict, adapters: report.adapters.length, errors: report.adapters.flatMap((a) => a.errors),
    gating: report.adapters.flatMap((a) => a.results.filter((r) => r.gating).map((r) => a.name + " " + r.id + ": " + (r.failure?.message ?? r.status))),
    properties: suite.listProperties().length, process: typeof process, platform: report.run.platform, isolation: report.run.isolation,
    textLines: text.trim().split("\\n").length, html: html.startsWith("<!doctype html>"),
  });
} catch (error) {
  out.textContent = JSON.stringify({ error: String(error && error.stack || error) });
}
</script>`,
      );
      const browser = await launch({ executablePath: CHROMIUM!, headless: true, args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"] });
      let text: string;
      try {
        const tab = await browser.newPage();
        await tab.goto(pathToFileURL(page).href);
        // A string: it runs in the page, where the DOM is (this file is type-checked without DOM types).
        await tab.waitForFunction('document.getElementById("result").textContent !== "pending"', { timeout: 150_000 });
        text = await tab.$eval("#result", (el) => el.textContent ?? "");
      } finally {
        await browser.close();
      }
      const result = JSON.parse(text);
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({ verdict: "pass", errors: [], gating: [], properties: 100, process: "undefined", isolation: "none", html: true });
      expect(result.adapters).toBeGreaterThan(10);
      expect(result.platform).toMatch(/^browser \(/);
      expect(result.textLines).toBeGreaterThan(result.adapters * 30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
