import { test } from "vitest";
import { builtinAdapters } from "../../adapters/builtins.js";
import { expectConformant } from "./expect-conformant.ts";

test.each(builtinAdapters.map((a) => [a.name, a] as const))("%s conforms", async (_name, adapter) => {
  await expectConformant(adapter);
});
