import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One project per package, each with its own vitest.config.ts.
    projects: ["packages/*/vitest.config.ts"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
