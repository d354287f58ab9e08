import { defineConfig } from "vitest/config";

/** The PostgreSQL suite (`npm run test:pg`): against the server TEST_DATABASE_URL names; not part of `npm test`. */
export default defineConfig({
  test: {
    include: ["test/pg/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
