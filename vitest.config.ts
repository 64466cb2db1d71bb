import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"],
    // The count reporter prints the plain "N passed, N failed, N skipped" line CI reads.
    reporters: ["default", "./test/countReporter.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
