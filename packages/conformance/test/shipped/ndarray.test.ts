import { test } from "vitest";
import { ndarrayAdapters } from "../../adapters/ndarray.js";
import { expectConformant } from "./expect-conformant.ts";

test.each(ndarrayAdapters.map((a) => [a.name, a] as const))("%s conforms", async (_name, adapter) => {
  await expectConformant(adapter);
});
