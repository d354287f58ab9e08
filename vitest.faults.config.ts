import { defineConfig } from "vitest/config";

/** The fault suite (`npm run test:faults`): real processes killed, replaced and starved; minutes, not seconds. */
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    setupFiles: ["test/support/fast-check-seed.ts"],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // One scenario at a time: each runs several processes against its own fake and database.
    fileParallelism: false,
  },
});
