import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Slow suites with scripts of their own (npm run test:faults).
    exclude: ["test/faults/**", "node_modules/**"],
    setupFiles: ["test/support/fast-check-seed.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
