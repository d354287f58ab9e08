import { defineConfig } from "vitest/config";

/**
 * The whole suite on PostgreSQL (`npm run test:pg:suite`): every test that takes a database from
 * createTestDatabase gets a schema of its own on the server TEST_DATABASE_URL names.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/faults/**", "test/browser/**", "test/pg/**", "node_modules/**"],
    setupFiles: ["test/support/fast-check-seed.ts"],
    globalSetup: ["test/support/postgres-run.ts"],
    env: {
      USHER_TEST_POSTGRES_URL:
        process.env.USHER_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
