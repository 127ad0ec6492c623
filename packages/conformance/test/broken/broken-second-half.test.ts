import { describe, expect, test } from "vitest";
import { BROKEN } from "./broken.ts";
import { expectCaught } from "./expect-caught.ts";

const half = Math.ceil(BROKEN.length / 2);

describe("broken exporters fail exactly the properties of their rule (second half)", () => {
  test.each(BROKEN.slice(half).map((b) => [b.adapter.name, b] as const))("%s", async (_name, broken) => {
    await expectCaught(broken);
  });
});

test("there are at least twenty broken exporters, each breaking one rule", () => {
  expect(BROKEN.length).toBeGreaterThanOrEqual(20);
  expect(new Set(BROKEN.map((b) => b.adapter.name)).size).toBe(BROKEN.length);
  for (const b of BROKEN) expect(b.fails.length, b.adapter.name).toBeGreaterThan(0);
});
