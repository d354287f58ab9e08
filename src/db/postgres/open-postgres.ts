import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db, OpenDatabase } from "../client.js";
import * as schema from "../schema/index.js";
import { migratePostgres } from "./migrate-postgres.js";
import { PostgresDatabase } from "./postgres-database.js";

/** The PostgreSQL migrations drizzle-kit generated from `src/db/pg-schema/`. */
export const postgresMigrationsFolder = fileURLToPath(new URL("../../../migrations-pg", import.meta.url));

/** Whether a database location names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Connects to PostgreSQL, applies pending migrations, and returns drizzle over it through the same
 * better-sqlite3 driver SQLite uses: the repositories cannot tell the two apart.
 */
export function openPostgres(url: string): OpenDatabase {
  const postgres = new PostgresDatabase(url);
  try {
    migratePostgres(postgres, postgresMigrationsFolder);
  } catch (error) {
    postgres.close();
    throw error;
  }
  const sqlite = postgres as unknown as Database.Database;
  const db = drizzle(sqlite, { schema }) as Db;
  return { db, sqlite, close: () => postgres.close() };
}
