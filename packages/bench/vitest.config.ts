import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/bench",
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
  },
  resolve: { conditions: ["@pybuffer/source"] },
  ssr: { resolve: { conditions: ["@pybuffer/source"] } },
});
