import { randomUUID } from "node:crypto";
import { defineConfig } from "vitest/config";

/** The server the suite runs on, and this run's name: its schemas carry it, and its teardown drops them. */
const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const run = randomUUID().replaceAll("-", "").slice(0, 8);
// Read by the global setup, which runs in this process; the workers get them through `env`.
process.env.USHER_TEST_POSTGRES_URL = url;
process.env.USHER_TEST_RUN = run;

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
    env: { USHER_TEST_POSTGRES_URL: url, USHER_TEST_RUN: run },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
