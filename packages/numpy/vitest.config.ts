import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/numpy",
    include: ["test/**/*.test.ts"],
    // The NumPy round-trip test runs python3 per case batch; give it room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
  // Resolve workspace packages to their TypeScript sources: tests need no build.
  // Tests run in Vite's SSR environment, whose resolver has its own conditions.
  resolve: { conditions: ["@pybuffer/source"] },
  ssr: { resolve: { conditions: ["@pybuffer/source"] } },
});
