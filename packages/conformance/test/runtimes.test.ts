/**
 * The built CLI on the three server runtimes: Node, Bun and Deno (both
 * pinned dev dependencies, their binaries from npm's optional dependencies).
 * Each runs the built-in and memoryview adapters with worker isolation and
 * must end in a clean PASS with nothing on stderr: Deno's workers once
 * printed `port.close is not a function`. Needs the build (`npm run build`);
 * a runtime whose binary is absent is skipped, named in the test title.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const BIN = root("../dist/cli/main.js");
const built = existsSync(BIN) && existsSync(root("../../core/dist/index.js"));
const binary = (name: string): string => root(`../../../node_modules/.bin/${name}`);

const RUNTIMES: { name: string; command: string; args: string[] }[] = [
  { name: "node", command: process.execPath, args: [BIN] },
  { name: "bun", command: binary("bun"), args: [BIN] },
  { name: "deno", command: binary("deno"), args: ["run", "-A", BIN] },
];

let dir = "";
let module = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pybuffer-conformance-runtimes-"));
  module = join(dir, "adapters.mjs");
  const url = (relative: string): string => JSON.stringify(pathToFileURL(root(relative)).href);
  writeFileSync(
    module,
    `import { builtinAdapters } from ${url("../adapters/builtins.js")};\nimport { memoryviewAdapters } from ${url("../adapters/memoryview.js")};\nexport default [...builtinAdapters, ...memoryviewAdapters];\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!built)("the built CLI on each runtime", () => {
  for (const runtime of RUNTIMES) {
    const present = existsSync(runtime.command);
    test.skipIf(!present)(`${runtime.name}: a clean PASS with worker isolation and nothing on stderr${present ? "" : ` (skipped: no ${runtime.command})`}`, () => {
      const result = spawnSync(runtime.command, [...runtime.args, "run", module, "--seed", "3", "--num-runs", "3", "--isolation", "worker"], {
        cwd: dir,
        encoding: "utf8",
        timeout: 240_000,
        env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      });
      expect(result.error).toBeUndefined();
      expect(result.stderr).toBe("");
      expect(result.status, result.stdout).toBe(0);
      expect(result.stdout).toMatch(/^verdict: PASS: 0 gating results, 0 stale baseline entries, 0 adapter errors \(seed 3\)$/m);
      expect(result.stdout).toMatch(/judged the exporter itself: (\d+) of \1 passed/);
    }, 300_000);

    test.skipIf(!present)(`${runtime.name}: a request stuck in an infinite loop is stopped by the worker deadline; the run fails (1) and says why`, () => {
      const hang = root("./fixtures/hang.adapter.js");
      const result = spawnSync(runtime.command, [...runtime.args, "run", hang, "--seed", "1", "--num-runs", "3", "--timeout", "300", "--quiet"], {
        cwd: dir,
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      });
      expect(result.error).toBeUndefined();
      expect(result.stderr).toBe("");
      expect(result.status, result.stdout).toBe(1);
      expect(result.stdout).toMatch(/request WRITABLE \(0x1\) never returned within \d+ ms/);
      expect(result.stdout).toMatch(/^verdict: FAIL: 1 gating result, /m);
    }, 150_000);
  }
});
