import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/numpy",
    include: ["test/**/*.test.ts"],
    // The NumPy round-trip test runs python3 per case batch; give it room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The bounded-memory tests of the streaming functions collect garbage before measuring.
    execArgv: ["--expose-gc"],
  },
  // Resolve workspace packages to their TypeScript sources: tests need no build.
  // Tests run in Vite's SSR environment, whose resolver has its own conditions.
  resolve: { conditions: ["@pybuffer/source"] },
  ssr: { resolve: { conditions: ["@pybuffer/source"] } },
});
