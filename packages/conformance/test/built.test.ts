/**
 * Tests of the built package (dist/): worker isolation stops a synchronous
 * infinite loop, and the real bin runs. They need `npm run build` first (the
 * root `npm test` builds before testing) and are skipped without it.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { runCli } from "../src/index.ts";

const BIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const CORE = fileURLToPath(new URL("../../core/dist/index.js", import.meta.url));
const built = existsSync(BIN) && existsSync(CORE);

describe.skipIf(!built)("the built package", () => {
  test("a property stuck in a synchronous infinite loop times out; the run goes on and fails (1)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pybuffer-conformance-hang-"));
    try {
      let out = "";
      const started = Date.now();
      const code = await runCli(
        ["run", fileURLToPath(new URL("./fixtures/hang.adapter.js", import.meta.url)), "--seed", "1", "--num-runs", "3", "--timeout", "300",
          "--property", "getbuf.writable", "--property", "consumer.memoryview", "--report", "json=report.json"],
        { stdout: (t) => (out += t), stderr: () => {}, cwd: dir },
      );
      expect(code, out).toBe(1);
      expect(Date.now() - started).toBeLessThan(20_000);
      const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
      const results = Object.fromEntries(report.adapters[0].results.map((r: { id: string; status: string }) => [r.id, r]));
      expect(results["getbuf.writable"].status).toBe("timeout");
      expect(results["getbuf.writable"].failure.message).toMatch(/did not finish within .* synchronous infinite loop/);
      expect(results["consumer.memoryview"].status).toBe("pass");
      expect(report.run.isolation).toBe("worker");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the bin has a shebang, prints its version, and runs an adapter module in worker isolation", () => {
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const version = spawnSync(process.execPath, [BIN, "--version"], { encoding: "utf8" });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const example = fileURLToPath(new URL("../examples/matrix/conformance.adapter.js", import.meta.url));
    const run = spawnSync(process.execPath, [BIN, "run", example, "--seed", "7", "--num-runs", "4"], { encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.split("\n")[1]).toMatch(/^seed: 7 /);
    expect(run.stdout).toMatch(/isolation worker/);
    expect(run.stdout).toMatch(/verdict: PASS/);
  }, 60_000);
});
