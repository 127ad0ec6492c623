import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/core",
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/fast-check-seed.ts"],
    // The differential tests load CPython (pyodide) once per file; give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // `globalThis.gc` for the tests that check views collected without release() unpin their exporter.
    execArgv: ["--expose-gc"],
  },
  // Resolve workspace packages to their TypeScript sources: tests need no build.
  // Tests run in Vite's SSR environment, whose resolver has its own conditions.
  resolve: { conditions: ["@pybuffer/source"] },
  ssr: { resolve: { conditions: ["@pybuffer/source"] } },
});
