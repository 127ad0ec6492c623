import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/interop",
    include: ["test/**/*.test.ts"],
    // The conformance runs and the CPython end-to-end test take a few seconds each.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The lifetime tests prove that a collected library object releases its export: they need `gc()`.
    execArgv: ["--expose-gc"],
  },
  // Resolve workspace packages to their TypeScript sources: tests need no build.
  // Tests run in Vite's SSR environment, whose resolver has its own conditions.
  resolve: { conditions: ["@pybuffer/source"] },
  ssr: { resolve: { conditions: ["@pybuffer/source"] } },
});
