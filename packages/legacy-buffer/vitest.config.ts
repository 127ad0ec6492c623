import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@pybuffer/legacy-buffer",
    include: ["test/**/*.test.ts"],
    // The fixture replay and the properties run in a few seconds; the limits leave room on a slow machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
  // Resolve workspace packages to their TypeScript sources: tests need no build.
  // Tests run in Vite's SSR environment, whose resolver has its own conditions.
  resolve: { conditions: ["@pybuffer/source"] },
  ssr: { resolve: { conditions: ["@pybuffer/source"] } },
});
