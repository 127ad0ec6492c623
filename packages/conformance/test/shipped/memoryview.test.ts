import { test } from "vitest";
import { memoryviewAdapters } from "../../adapters/memoryview.js";
import adapter from "../../examples/matrix/conformance.adapter.js";
import { expectConformant } from "./expect-conformant.ts";

test.each(memoryviewAdapters.map((a) => [a.name, a] as const))("%s conforms", async (_name, a) => {
  await expectConformant(a);
});

test("the example third-party adapter conforms", async () => {
  await expectConformant(adapter);
});
