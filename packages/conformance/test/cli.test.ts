/**
 * The CLI end to end, in process (`runCli` is what the bin runs): exit codes
 * for the baseline rules (regression, expected failure, stale entry, flaky,
 * skip, per-check entries, strict validation), reports, regression pinning
 * and replay.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../src/node.ts";

const MODULE = fileURLToPath(new URL("./fixtures/broken.adapter.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pybuffer-conformance-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  let out = "";
  let err = "";
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir, env });
  return { code, out, err };
}

/** `run` on one adapter of the fixture module, in process, few cases, fixed seed. */
function run(adapter: string, ...extra: string[]): Promise<Run> {
  return cli(["run", MODULE, "--adapter", adapter, "--isolation", "none", "--num-runs", "8", "--seed", "99", ...extra]);
}

function baseline(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("exit codes", () => {
  test("a conforming exporter passes (0), and the seed is printed before any result", async () => {
    const r = await run("control");
    expect(r.code, r.out + r.err).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[1]).toMatch(/^seed: 99 /);
    expect(r.out).toMatch(/verdict: PASS/);
  });

  test("a regression fails the run (1) and prints the rule, the counterexample and replay commands", async () => {
    const r = await run("wrong-len");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL \[MUST\] record\.len \(check (mismatch|unchanged)\)/);
    expect(r.out).toMatch(/counterexample: \{"format":/);
    expect(r.out).toMatch(/replay: npx pybuffer-conformance replay .*--adapter wrong-len --property record\.len --seed 99 --path /);
    expect(r.out).toMatch(/or: npx pybuffer-conformance replay .*--case '\{/);
    expect(r.out).toMatch(/spec: c-api\/buffer: Py_buffer\.len https:\/\/docs\.python\.org/);
    expect(r.out).toMatch(/verdict: FAIL/);
  });

  test("only SHOULD and MAY failures do not gate (0)", async () => {
    const r = await run("nondeterministic-copies");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/FAIL \(SHOULD, does not gate\) \[SHOULD\] getbuf\.deterministic/);
  });

  test("usage errors exit 2 with a message", async () => {
    expect((await cli(["run"])).code).toBe(2);
    const unknown = await cli(["run", MODULE, "--frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown option --frobnicate/);
    const missing = await cli(["run", join(dir, "nope.js"), "--isolation", "none"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/adapter module not found/);
    const profile = await run("control", "--profile", "huge");
    expect(profile.code).toBe(2);
    expect((await cli(["--help"])).out).toMatch(/Usage: pybuffer-conformance/);
  });

  test("CONFORMANCE_SEED sets the seed", async () => {
    const r = await cli(["run", MODULE, "--adapter", "control", "--isolation", "none", "--num-runs", "2", "--property", "record.len"], {
      CONFORMANCE_SEED: "4242",
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/seed: 4242 /);
  });
});

describe("baseline rules", () => {
  test("a listed failure is an expected failure (0)", async () => {
    const file = baseline("expected.json", {
      version: 1,
      expectedFailures: [{ adapter: "wrong-len", id: "record.len", reason: "len counts one item too many", issue: "https://example.com/issues/1" }],
    });
    const r = await run("wrong-len", "--baseline", file);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/XFAIL \[MUST\] record\.len/);
  });

  test("a listed failure that passes is a stale entry (1)", async () => {
    const file = baseline("stale.json", { version: 1, expectedFailures: [{ id: "record.len", reason: "was broken" }] });
    const r = await run("control", "--baseline", file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/STALE \[MUST\] record\.len/);
    expect(r.out).toMatch(/stale, remove it/);
  });

  test("a group entry that matches no failure is stale (1); one that matches a failure is not (0)", async () => {
    const file = baseline("group.json", { version: 1, expectedFailures: [{ id: "lifetime.*", reason: "lifetime is unfinished" }] });
    const stale = await run("control-counting", "--baseline", file);
    expect(stale.code).toBe(1);
    expect(stale.out).toMatch(/STALE baseline entry lifetime\.\*/);
    const used = await run("releases-twice", "--baseline", file);
    expect(used.code, used.out).toBe(0);
  });

  test("per-check entries mute one check; a check that no longer fails is stale", async () => {
    const muted = baseline("check.json", { version: 1, expectedFailures: [{ id: "record.len:mismatch", reason: "known" }] });
    expect((await run("wrong-len", "--baseline", muted)).code).toBe(0);
    const other = baseline("other-check.json", { version: 1, expectedFailures: [{ id: "record.len:unchanged", reason: "known" }] });
    expect((await run("wrong-len", "--baseline", other)).code).toBe(1);
    const extra = baseline("extra-check.json", {
      version: 1,
      expectedFailures: [
        { id: "record.len:mismatch", reason: "known" },
        { id: "record.len:unchanged", reason: "was also broken" },
      ],
    });
    const r = await run("wrong-len", "--baseline", extra);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/check unchanged no longer fails/);
  });

  test("flaky entries pass either way (0); skip entries do not run (0)", async () => {
    const flaky = baseline("flaky.json", { version: 1, flaky: [{ id: "record.len", reason: "depends on the moon" }] });
    const failing = await run("wrong-len", "--baseline", flaky);
    expect(failing.code).toBe(0);
    expect(failing.out).toMatch(/FLAKY \[MUST\] record\.len/);
    expect((await run("control", "--baseline", flaky)).code).toBe(0);
    const skip = baseline("skip.json", { version: 1, skip: [{ id: "record.len", reason: "cannot run here" }] });
    expect((await run("wrong-len", "--baseline", skip)).code).toBe(0);
  });

  test("the baseline is validated strictly, with helpful errors (2)", async () => {
    const cases: [unknown, RegExp][] = [
      ["{ not json", /not valid JSON/],
      [{ version: 1, expectedFailure: [] }, /unknown key 'expectedFailure' \(did you mean 'expectedFailures'\?\)/],
      [{ version: 2 }, /"version" must be 1/],
      [{ version: 1, expectedFailures: [{ id: "record.lenn", reason: "x" }] }, /'record\.lenn' is not a property id \(did you mean 'record\.len'\?\)/],
      [{ version: 1, expectedFailures: [{ id: "record.len" }] }, /"reason" is required/],
      [{ version: 1, expectedFailures: [{ id: "record.len:mismatchh", reason: "x" }] }, /record\.len has no check 'mismatchh' \(did you mean 'mismatch'\?\)/],
      [{ version: 1, expectedFailures: [{ "record.len": "x" }] }, /did you mean \{ "id": "record\.len", "reason": \.\.\. \}\?/],
      [{ version: 1, expectedFailures: ["record.len"] }, /entries are objects, not strings/],
      [{ version: 1, expectedFailures: [{ id: "record.len", reason: "x", issue: "not a url" }] }, /"issue" must be an http\(s\) URL/],
      [{ version: 1, expectedFailures: [{ id: "record.len", reason: "x", adapter: "wrong-lenn" }] }, /no adapter named 'wrong-lenn' in this run \(did you mean 'wrong-len'\?\)/],
      [
        { version: 1, expectedFailures: [{ id: "record.len", reason: "x" }, { id: "record.len:mismatch", reason: "y" }] },
        /'record\.len:mismatch' is redundant: 'record\.len' already covers the whole property/,
      ],
      [{ version: 1, expectedFailures: [{ id: "record.len", reason: "x" }, { id: "record.len", reason: "y" }] }, /already listed/],
      [{ version: 1, flaky: [{ id: "record.len:mismatch", reason: "x" }] }, /flaky entries name whole properties/],
      [{ version: 1, expectedFailures: [{ id: "nothing.*", reason: "x" }] }, /matches no property/],
    ];
    for (const [i, [content, message]] of cases.entries()) {
      const file = baseline(`bad-${i}.json`, content);
      const r = await cli(["baseline", "--check", "--baseline", file, MODULE]);
      expect(r.code, JSON.stringify(content)).toBe(2);
      expect(r.err, JSON.stringify(content)).toMatch(message);
    }
    const good = baseline("good.json", { version: 1, expectedFailures: [{ adapter: "wrong-len", id: "record.len", reason: "x" }] });
    expect((await cli(["baseline", "--check", "--baseline", good, MODULE])).code).toBe(0);
    // A run refuses a bad baseline before running anything.
    const bad = await run("control", "--baseline", join(dir, "bad-1.json"));
    expect(bad.code).toBe(2);
    expect(bad.out).toBe("");
  });

  test("baseline --write creates the file from a run, and refreshes it (keeping reasons, dropping stale entries)", async () => {
    const file = join(dir, "written.json");
    const args = ["baseline", "--write", "--baseline", file, MODULE, "--adapter", "wrong-len", "--adapter", "control", "--isolation", "none", "--num-runs", "8", "--seed", "99"];
    const write = await cli(args);
    expect(write.code, write.out + write.err).toBe(0);
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written.expectedFailures).toEqual([{ adapter: "wrong-len", id: "record.len", reason: expect.stringMatching(/^TODO/) }]);
    // With the written baseline the run passes.
    expect((await run("wrong-len", "--baseline", file)).code).toBe(0);
    // Keep a reason, add a stale entry, refresh: the reason stays, the stale entry goes.
    written.expectedFailures[0].reason = "len counts one item too many";
    written.expectedFailures.push({ adapter: "control", id: "record.shape", reason: "was broken once" });
    writeFileSync(file, JSON.stringify(written));
    const refresh = await cli(args);
    expect(refresh.code).toBe(0);
    expect(refresh.out).toMatch(/1 stale removed/);
    expect(JSON.parse(readFileSync(file, "utf8")).expectedFailures).toEqual([{ adapter: "wrong-len", id: "record.len", reason: "len counts one item too many" }]);
  });
});

describe("reports, regressions and replay", () => {
  test("json, junit and text reports", async () => {
    const r = await run("wrong-len", "--report", "json=out/report.json", "--report", "junit=out/junit.xml", "--report", "text=out/results.txt");
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, "out/report.json"), "utf8"));
    expect(report.reportVersion).toBe(1);
    expect(report.suite.name).toBe("@pybuffer/conformance");
    expect(report.run.seed).toBe(99);
    expect(report.verdict).toBe("fail");
    const result = report.adapters[0].results.find((x: { id: string }) => x.id === "record.len");
    expect(result).toMatchObject({ status: "fail", level: "MUST", gating: true, failure: { seed: 99 } });
    expect(result.specRefs[0].url).toMatch(/^https:/);
    const junit = readFileSync(join(dir, "out/junit.xml"), "utf8");
    expect(junit).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="pybuffer-conformance"/);
    expect(junit).toMatch(/<testcase classname="wrong-len" name="record\.len" time="[\d.]+"><failure message="/);
    const text = readFileSync(join(dir, "out/results.txt"), "utf8").trim().split("\n");
    expect(text).toContain("FAIL wrong-len/record.len");
    expect(text).toContain("PASS wrong-len/record.shape");
    const sorted = [...text].sort((a, b) => (a.slice(5) < b.slice(5) ? -1 : a.slice(5) > b.slice(5) ? 1 : 0));
    expect(sorted).toEqual(text);
    for (const line of text) expect(line).toMatch(/^(PASS|FAIL) wrong-len\/[\w./:-]+$/);
  });

  test("--regressions pins counterexamples, which later runs try first", async () => {
    const file = join(dir, "regressions.json");
    const first = await run("wrong-len", "--regressions", file, "--property", "record.len");
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/pinned 1 new counterexample/);
    const pinned = JSON.parse(readFileSync(file, "utf8"));
    expect(pinned.regressions).toHaveLength(1);
    expect(pinned.regressions[0]).toMatchObject({ adapter: "wrong-len", id: "record.len" });
    const again = await cli(["run", MODULE, "--adapter", "wrong-len", "--isolation", "none", "--num-runs", "8", "--seed", "12345", "--property", "record.len", "--regressions", file, "--report", "json=out/pinned.json"]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/from the regression file/);
    const report = JSON.parse(readFileSync(join(dir, "out/pinned.json"), "utf8"));
    expect(report.adapters[0].results.find((x: { id: string }) => x.id === "record.len").failure.pinned).toBe(true);
    expect(existsSync(file)).toBe(true);
  });

  test("replay reproduces a failure from its seed and path, and from its counterexample literal", async () => {
    await run("wrong-len", "--report", "json=out/replay.json");
    const report = JSON.parse(readFileSync(join(dir, "out/replay.json"), "utf8"));
    const failure = report.adapters[0].results.find((x: { id: string }) => x.id === "record.len").failure;
    const byPath = await cli(["replay", MODULE, "--adapter", "wrong-len", "--property", "record.len", "--seed", String(failure.seed), "--path", failure.path, "--num-runs", "8"]);
    expect(byPath.code, byPath.out + byPath.err).toBe(1);
    expect(byPath.out).toContain(JSON.stringify(failure.counterexample));
    const byCase = await cli(["replay", MODULE, "--adapter", "wrong-len", "--property", "record.len", "--case", JSON.stringify(failure.counterexample)]);
    expect(byCase.code).toBe(1);
    expect(byCase.out).toMatch(/FAIL \[MUST\] record\.len/);
    const passing = await cli(["replay", MODULE, "--adapter", "control", "--property", "record.len", "--case", JSON.stringify(failure.counterexample)]);
    expect(passing.code).toBe(0);
    const bad = await cli(["replay", MODULE, "--adapter", "control", "--property", "record.len", "--case", '{"format":"zz"}']);
    expect(bad.code).toBe(2);
  });

  test("list prints every property with its level (text, json, markdown)", async () => {
    const text = await cli(["list"]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^getbuf\.writable\s+MUST/m);
    const json = JSON.parse((await cli(["list", "--format", "json"])).out);
    expect(json.properties.length).toBeGreaterThan(90);
    expect((await cli(["list", "--format", "markdown"])).out).toMatch(/^\| `record\.len` \| MUST \|/m);
  });
});
