import { randomUUID } from "node:crypto";
import { createDatabase, type OpenDatabase } from "../../src/db/client.js";
import { PostgresDatabase } from "../../src/db/postgres/postgres-database.js";

/**
 * The PostgreSQL server the suite runs on when `npm run test:pg` sets it; unset, every test gets
 * SQLite in memory, as `npm test` runs.
 */
export const testPostgresUrl = process.env.USHER_TEST_POSTGRES_URL;

/** The same URL with its sessions confined to one schema (their tables, their migrations). */
function inSchema(url: string, schema: string): string {
  const separator = url.includes("?") ? "&" : "?";
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/**
 * A fresh, migrated database for one test: SQLite in memory, or under `npm run test:pg` a schema of
 * its own on PostgreSQL, dropped when the database is closed.
 */
export function createTestDatabase(): OpenDatabase {
  if (!testPostgresUrl) return createDatabase(":memory:");
  const schema = `test_${randomUUID().replaceAll("-", "")}`;
  const admin = new PostgresDatabase(testPostgresUrl);
  admin.native(`create schema ${schema}`);
  try {
    const database = createDatabase(inSchema(testPostgresUrl, schema));
    return {
      ...database,
      close: () => {
        database.close();
        admin.native(`drop schema ${schema} cascade`);
        admin.close();
      },
    };
  } catch (error) {
    admin.native(`drop schema ${schema} cascade`);
    admin.close();
    throw error;
  }
}
