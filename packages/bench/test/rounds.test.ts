import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formats } from "../src/lib/data.mjs";
import { quantile, quartiles } from "../src/lib/measure.mjs";
import { roundOrder, roundRatios, runRounds } from "../src/lib/rounds.mjs";

const ROUNDS = { warmupMs: 0, minSampleMs: 0, minRounds: 3, maxRounds: 5, budgetMs: 0, maxCallMs: 1e9 };

describe("interleaved rounds", () => {
  it("takes one sample of every column a round, in rotations run forward and reversed", async () => {
    const order: string[] = [];
    const column = (key: string) => ({ key, inner: 1, sample: () => (order.push(key), 1) });
    const { samples, rounds } = await runRounds([column("a"), column("b"), column("c")], ROUNDS);
    expect(rounds).toBe(3);
    expect(order).toEqual(["a", "b", "c", "c", "b", "a", "b", "c", "a"]);
    expect(samples.get("a")).toEqual([1, 1, 1]);
  });

  it("puts each column after each other one equally often over a cycle of rounds", () => {
    for (const n of [2, 3, 4, 5]) {
      const columns = Array.from({ length: n }, (_, i) => i);
      // follows[x][y]: rounds in which x's sample came right after y's.
      const follows = columns.map(() => columns.map(() => 0));
      const first = columns.map(() => 0);
      for (let round = 0; round < 2 * n; round++) {
        const order = roundOrder(columns, round);
        expect([...order].sort()).toEqual(columns);
        first[order[0]!]!++;
        for (let k = 1; k < n; k++) follows[order[k]!]![order[k - 1]!]!++;
      }
      expect(first.every((count) => count === 2)).toBe(true);
      // No column always follows the same one, and every neighbour pair is met in both directions.
      for (const x of columns) {
        const predecessors = follows[x]!.filter((count) => count > 0).length;
        expect(predecessors).toBe(Math.min(2, n - 1));
        for (const y of columns) expect(follows[x]![y]).toBe(follows[y]![x]);
      }
    }
  });

  it("stops sampling a column whose sample throws, and says why", async () => {
    let calls = 0;
    const broken = { key: "py", inner: 1, sample: () => Promise.reject(new Error(`worker died ${++calls}`)) };
    const { samples, failures } = await runRounds([{ key: "ours", inner: 1, sample: () => 2 }, broken], ROUNDS);
    expect(failures.get("py")).toBe("worker died 1");
    expect(calls).toBe(1);
    expect(samples.get("ours")).toHaveLength(3);
  });

  it("takes a ratio within each round, so a drift of the machine cancels", () => {
    // The machine slows 3x halfway: per-round ratios stay 0.5, while the
    // ratio of the two columns' overall medians would not.
    const ours = [1, 1, 1, 3, 3, 3, 3];
    const theirs = [2, 2, 2, 6, 6, 6, 6];
    expect(roundRatios(ours, theirs)).toMatchObject({ median: 0.5, q1: 0.5, q3: 0.5, rounds: 7 });
    expect(roundRatios([1, 2, 3, 4], [1, 1, 1, 1])).toMatchObject({ median: 2.5, q1: 1.75, q3: 3.25, min: 1, max: 4 });
    expect(roundRatios([1], [0])).toBeNull();
  });

  it("interpolates quantiles between ranks, as numpy does by default", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.25)).toBe(10);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
    expect(quartiles([5, 1, 3])).toEqual({ median: 3, q1: 2, q3: 4, min: 1, max: 5 });
  });
});

describe("the random formats", () => {
  it("are distinct and are the same sequence as runner.py's twin", () => {
    const list = formats(1000);
    expect(new Set(list).size).toBe(1000);
    const runner = fileURLToPath(new URL("../src/python/runner.py", import.meta.url));
    const script = `import json, sys\nsrc = open(sys.argv[1]).read().split("# ---- the worker protocol")[0]\nexec(src)\nprint(json.dumps(formats(1000)))`;
    const python = execFileSync("python3", ["-c", script, runner], { encoding: "utf8" });
    expect(JSON.parse(python)).toEqual(list);
  });
});
