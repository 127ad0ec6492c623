import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/core",
    include: ["test/**/*.test.ts"],
    // The differential tests load CPython (pyodide) once per file; give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
  resolve: {
    // Resolve workspace packages to their TypeScript sources: tests need no build.
    conditions: ["@pybuffer/source"],
  },
});
