import { test } from "vitest";
import { legacyBufferAdapters } from "../../adapters/legacy-buffer.js";
import { nodeAdapterAdapters } from "../../adapters/node-adapter.js";
import { expectConformant } from "./expect-conformant.ts";

test.each([...legacyBufferAdapters, ...nodeAdapterAdapters].map((a) => [a.name, a] as const))("%s conforms", async (_name, adapter) => {
  await expectConformant(adapter);
});
