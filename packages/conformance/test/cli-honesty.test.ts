/**
 * A CI tool that cannot lie: selections that match nothing, the verdict line
 * against the table, placeholder reasons, did-you-mean hints, bad profiles
 * everywhere, --quiet, and a --help that names every option.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { replay, runCli, runConformance } from "../src/node.ts";
import { faulty } from "./broken/harness.ts";
import { CLI_OPTIONS } from "../src/cli/options.ts";
import { RUN_OPTIONS } from "../src/engine/run-options.ts";

const MODULE = fileURLToPath(new URL("./fixtures/broken.adapter.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pybuffer-conformance-honesty-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir, env: {} });
  return { code, out, err };
}

const run = (...extra: string[]) => cli(["run", MODULE, "--isolation", "none", "--num-runs", "4", "--seed", "5", ...extra]);

describe("selections that match nothing are input errors (2)", () => {
  test("a --property pattern that matches no property, with a suggestion", async () => {
    const r = await run("--adapter", "control", "--property", "record.lenn");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the property pattern "record\.lenn" matches no property \(did you mean 'record\.len'\?\)/);
    expect(r.out).not.toMatch(/verdict: PASS/);
  });

  test("one --adapter pattern of several that matches nothing", async () => {
    const r = await run("--adapter", "control", "--adapter", "contrl-pil*");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the adapter pattern "contrl-pil\*" matches no adapter/);
  });

  test("runConformance refuses the same", async () => {
    await expect(runConformance(faulty("x", {}), { properties: ["nothing.*"], isolation: "none" })).rejects.toThrow(/matches no property/);
  });
});

describe("the verdict line agrees with the table", () => {
  test("a stale entry is counted in the verdict line", async () => {
    const file = join(dir, "stale.json");
    writeFileSync(file, JSON.stringify({ version: 1, expectedFailures: [{ adapter: "control", id: "record.len", reason: "was broken" }] }));
    const r = await run("--adapter", "control", "--property", "record.*", "--baseline", file);
    expect(r.code).toBe(1);
    const header = r.out.split("\n").find((l) => l.startsWith("adapter "))!.trim().split(/\s+/);
    const row = r.out.split("\n").find((l) => l.startsWith("control "))!.trim().split(/\s+/);
    const staleInTable = Number(row[header.indexOf("stale")]);
    expect(staleInTable).toBe(1);
    expect(r.out).toMatch(new RegExp(`verdict: FAIL: \\d+ gating results?, ${staleInTable} stale baseline entry,`));
  });
});

describe("baseline --check", () => {
  test("refuses entries whose reason is still the written placeholder (2)", async () => {
    const file = join(dir, "todo.json");
    const args = ["baseline", "--write", "--baseline", file, MODULE, "--adapter", "wrong-len", "--isolation", "none", "--num-runs", "4", "--seed", "5", "--property", "record.len"];
    expect((await cli(args)).code).toBe(0);
    const check = await cli(["baseline", "--check", "--baseline", file]);
    expect(check.code).toBe(2);
    expect(check.err).toMatch(/wrong-len\/record\.len: the reason is still the placeholder/);
    const written = JSON.parse(readFileSync(file, "utf8"));
    written.expectedFailures[0].reason = "len counts one item too many";
    writeFileSync(file, JSON.stringify(written));
    expect((await cli(["baseline", "--check", "--baseline", file])).code).toBe(0);
  });
});

describe("replay and profiles", () => {
  test("replay with a misspelt property suggests the closest (2)", async () => {
    const r = await cli(["replay", MODULE, "--adapter", "control", "--property", "record.strides2", "--seed", "1"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no property 'record\.strides2' \(did you mean 'record\.strides'\?\)/);
  });

  test("an option given to a command that does not take it is refused (2)", async () => {
    const r = await cli(["list", "--seed", "3"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--seed is not an option of list/);
    const typo = await cli(["run", MODULE, "--num-run", "3"]);
    expect(typo.err).toMatch(/unknown option --num-run \(did you mean --num-runs\?\)/);
  });

  test("a bad --profile is an error in run, replay and baseline --write, and in code", async () => {
    for (const args of [
      ["run", MODULE, "--adapter", "control", "--profile", "quik"],
      ["replay", MODULE, "--adapter", "control", "--property", "record.len", "--seed", "1", "--profile", "quik"],
      ["baseline", "--write", "--baseline", join(dir, "p.json"), MODULE, "--adapter", "control", "--profile", "quik"],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(/profile.*quik/);
    }
    await expect(replay(faulty("x", {}), "record.len", { seed: 1, profile: "quik" as never })).rejects.toThrow(/profile \(--profile\) must be quick or full, got "quik"/);
  });
});

describe("output", () => {
  test("--quiet prints only gating results and the verdict line", async () => {
    const quiet = await run("--adapter", "wrong-len", "--quiet");
    expect(quiet.code).toBe(1);
    expect(quiet.out).toMatch(/FAIL \[MUST\] record\.len/);
    expect(quiet.out).not.toMatch(/^seed:|^adapter\s+pass|properties to run/m);
    expect(quiet.out.trim().split("\n").at(-1)).toMatch(/^verdict: FAIL/);
    const passing = await run("--adapter", "control", "--quiet");
    expect(passing.code).toBe(0);
    expect(passing.out.trim()).toMatch(/^verdict: PASS: 0 gating results, 0 stale baseline entries, 0 adapter errors \(seed 5\)$/);
  });

  test("--help names every option the parser accepts", async () => {
    const help = (await cli(["--help"])).out;
    expect(CLI_OPTIONS.length).toBeGreaterThan(20);
    for (const option of CLI_OPTIONS) expect(help, `--${option.flag}`).toMatch(new RegExp(`^  --${option.flag}\\b`, "m"));
    // Every run option of runConformance has its flag.
    for (const spec of RUN_OPTIONS) expect(CLI_OPTIONS.some((o) => o.run === spec), spec.key).toBe(true);
  });
});
