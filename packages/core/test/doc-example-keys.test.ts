/**
 * The keys scripts/doc-examples.ts gives examples (what the not-runnable
 * lists name): the file and the documented name, so that lines added above
 * an example leave its key alone.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { collectExamples } from "../../../scripts/doc-examples.ts";

const FENCE = ["/**", " * @example", " * ```ts", " * 1 + 1; // 2", " * ```", " */"];
const SOURCE = [
  ["/**", " * A module.", " *", " * @module", " * @example", " * ```ts", " * 0; // 0", " * ```", " */", ""],
  [...FENCE, "export function twice(): number {", "  return 2;", "}", ""],
  [...FENCE, "export const ANSWER = 42;", ""],
  ["export class Box {", ...FENCE.map((line) => `  ${line}`), "  get size(): number {", "    return 1;", "  }", ...FENCE.map((line) => `  ${line}`), "  static readonly empty = new Box();", "}", ""],
  [...FENCE, "export function over(a: number): number;", ...FENCE, "export function over(a: string): string;", "export function over(a: unknown): unknown {", "  return a;", "}", ""],
].flat();

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function keysOf(lines: readonly string[]): string[] {
  const root = mkdtempSync(join(tmpdir(), "doc-example-keys-"));
  dirs.push(root);
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src", "mod.ts"), lines.join("\n"));
  return collectExamples(join(root, "src")).map((example) => example.where);
}

describe("collectExamples keys", () => {
  it("names the file and what each TSDoc documents, numbering repeats", () => {
    expect(keysOf(SOURCE)).toEqual([
      "src/mod.ts#@module",
      "src/mod.ts#twice",
      "src/mod.ts#ANSWER",
      "src/mod.ts#size",
      "src/mod.ts#empty",
      "src/mod.ts#over",
      "src/mod.ts#over (2)",
    ]);
  });

  it("keeps every key when lines are added above the examples", () => {
    const edited = ["import { x } from \"./x.ts\";", "", "// a new helper", "export const HELPER = 1;", "", ...SOURCE.slice(0, 10), "", "", ...SOURCE.slice(10)];
    expect(keysOf(edited)).toEqual(keysOf(SOURCE));
  });
});
