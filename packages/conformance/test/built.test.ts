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
import { runCli } from "../src/node.ts";

const BIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const CORE = fileURLToPath(new URL("../../core/dist/index.js", import.meta.url));
const HANG = fileURLToPath(new URL("./fixtures/hang.adapter.js", import.meta.url));
const built = existsSync(BIN) && existsSync(CORE);

describe.skipIf(!built)("the built package", () => {
  test("a request stuck in a synchronous infinite loop times out once, named with its flags and case; the run goes on and fails (1)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pybuffer-conformance-hang-"));
    try {
      let out = "";
      const started = Date.now();
      const code = await runCli(
        ["run", HANG, "--seed", "1", "--num-runs", "3", "--timeout", "300", "--report", "json=report.json"],
        { stdout: (t) => (out += t), stderr: () => {}, cwd: dir },
      );
      expect(code, out).toBe(1);
      expect(Date.now() - started).toBeLessThan(30_000);
      const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
      const results: { id: string; status: string; skip?: { reason: string }; failure?: { message: string; request?: number; counterexample: unknown } }[] = report.adapters[0].results;
      // Before, every property asking a WRITABLE request timed out in turn; now the first hang stops that request.
      const timeouts = results.filter((r) => r.status === "timeout");
      expect(timeouts.map((r) => r.id)).toEqual(["getbuf.answer"]);
      const failure = timeouts[0]!.failure!;
      expect(failure.message).toMatch(/^request WRITABLE \(0x1\) never returned within \d+ ms .*synchronous infinite loop/);
      expect(failure.request).toBe(1);
      expect(failure.counterexample).toMatchObject({ format: "B", readonly: true });
      expect(results.find((r) => r.id === "getbuf.writable")?.skip?.reason).toMatch(/request WRITABLE \(0x1\) never returned in getbuf\.answer/);
      expect(results.find((r) => r.id === "consumer.memoryview")?.status).toBe("pass");
      expect(report.run.isolation).toBe("worker");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the whole-run budget ends a hanging run on time, reports what did not run, and still writes the reports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pybuffer-conformance-budget-"));
    try {
      let out = "";
      const code = await runCli(
        ["run", HANG, "--seed", "1", "--num-runs", "3", "--timeout", "60000", "--max-duration", "2", "--report", "json=report.json", "--report", "junit=junit.xml"],
        { stdout: (t) => (out += t), stderr: () => {}, cwd: dir },
      );
      expect(code, out).toBe(1);
      const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
      expect(report.run.maxDurationMs).toBe(2000);
      expect(report.run.durationMs).toBeLessThan(15_000);
      const results: { status: string; skip?: { kind: string }; failure?: { message: string } }[] = report.adapters[0].results;
      expect(results.find((r) => r.status === "timeout")?.failure?.message).toMatch(/never returned before the run's budget \(--max-duration\) ran out/);
      const unstarted = results.filter((r) => r.skip?.kind === "budget").length;
      expect(unstarted).toBeGreaterThan(0);
      expect(report.adapters[0].errors).toEqual([expect.stringMatching(new RegExp(`budget of 2 s ran out: ${unstarted} properties did not run`))]);
      expect(report.verdict).not.toBe("pass");
      expect(readFileSync(join(dir, "junit.xml"), "utf8")).toMatch(/<testsuites/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a reader that closes the pipe early ends the bin quietly (EPIPE)", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" list | head -n 1`], { encoding: "utf8" });
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe("");
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
