import { describe, test } from "vitest";
import { BROKEN, CONTROLS } from "./broken.ts";
import { expectCaught } from "./expect-caught.ts";

const half = Math.ceil(BROKEN.length / 2);

describe("controls: correct exporters fail nothing", () => {
  test.each(CONTROLS.map((b) => [b.adapter.name, b] as const))("%s", async (_name, broken) => {
    await expectCaught(broken);
  });
});

describe("broken exporters fail exactly the properties of their rule (first half)", () => {
  test.each(BROKEN.slice(0, half).map((b) => [b.adapter.name, b] as const))("%s", async (_name, broken) => {
    await expectCaught(broken);
  });
});
