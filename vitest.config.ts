import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Suites with scripts of their own: test:faults, test:pg (a PostgreSQL server), test:browser (Chromium).
    exclude: ["test/faults/**", "test/pg/**", "test/browser/**", "node_modules/**"],
    setupFiles: ["test/support/fast-check-seed.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
