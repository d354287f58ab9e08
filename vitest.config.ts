import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Suites with scripts of their own (npm run test:faults, npm run test:pg: it needs a PostgreSQL server).
    exclude: ["test/faults/**", "test/pg/**", "node_modules/**"],
    setupFiles: ["test/support/fast-check-seed.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
