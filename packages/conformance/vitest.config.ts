import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/conformance",
    include: ["test/**/*.test.ts"],
    // A test runs the whole suite on one exporter; the worker-isolation test waits out a deadline.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
  resolve: {
    // Resolve workspace packages to their TypeScript sources: tests need no build.
    conditions: ["@pybuffer/source"],
  },
});
