import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/node-adapter",
    include: ["test/**/*.test.ts"],
    // The differential tests load CPython (pyodide) once per file; give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The export-lock tests prove that a holder collected without a release
    // unlocks its exporter: they need `gc()` in the test processes.
    execArgv: ["--expose-gc"],
  },
  // Resolve workspace packages to their TypeScript sources: tests need no build.
  // Tests run in Vite's SSR environment, whose resolver has its own conditions.
  resolve: { conditions: ["@pybuffer/source"] },
  ssr: { resolve: { conditions: ["@pybuffer/source"] } },
});
