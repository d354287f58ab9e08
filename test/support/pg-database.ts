import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "../../src/db/pg-schema/index.js";
import { inSchema } from "./test-database.js";

/** The server the PostgreSQL suite runs against; its database is only used to create and drop others. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

/** PostgreSQL's generated migrations. */
export const pgMigrationsFolder = fileURLToPath(new URL("../../migrations-pg", import.meta.url));

/** A database of its own for one test file, with drizzle over a pool on it. */
export interface TestPgDatabase {
  name: string;
  /** Its connection URL. */
  url: string;
  pool: pg.Pool;
  db: NodePgDatabase<typeof schema>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a uniquely named empty database (a database, not a schema: the generated SQL names
 * `"public"."users"` in its foreign keys), optionally with migrations-pg/ applied.
 */
export async function createTestPgDatabase(options: { migrated: boolean }): Promise<TestPgDatabase> {
  const name = `usher_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const db = drizzle(pool, { schema });
  if (options.migrated) await migrate(db, { migrationsFolder: pgMigrationsFolder });
  return {
    name,
    url: url.toString(),
    pool,
    db,
    async drop() {
      await pool.end();
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** A schema of its own on the test server, for processes told to use `url`; `drop` removes it. */
export async function createTestSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `usher_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer((client) => client.query(`CREATE SCHEMA "${name}"`));
  return {
    url: inSchema(testDatabaseUrl, name),
    drop: () =>
      onServer((client) => client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)).then(() => undefined),
  };
}
