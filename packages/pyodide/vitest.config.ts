import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/pyodide",
    include: ["test/**/*.test.ts"],
    // Every file loads CPython (pyodide) once; give it room on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The release-on-collection tests call gc().
    execArgv: ["--expose-gc"],
  },
  // Resolve workspace packages to their TypeScript sources: tests need no build.
  resolve: { conditions: ["@pybuffer/source"] },
  ssr: { resolve: { conditions: ["@pybuffer/source"] } },
});
