import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { groupCommitOf } from "./group-commit.js";
import { isPostgresUrl, openPostgres } from "./postgres/open-postgres.js";
import * as schema from "./schema/index.js";

/** drizzle over the one better-sqlite3 connection, which `$client` exposes for SQL drizzle cannot build. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabase {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** The generated migrations (`migrations/` at the project root, from src/ or dist/ alike). */
export const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

/**
 * Opens the database (a SQLite file, created if needed, or a `postgres://` URL), applies pending
 * migrations, and returns drizzle over it.
 */
export function createDatabase(path: string): OpenDatabase {
  if (isPostgresUrl(path)) return openPostgres(path);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  const close = () => {
    // What the last turn wrote is committed, not rolled back by the close.
    groupCommitOf(sqlite).commitNow();
    sqlite.close();
  };
  return { db, sqlite, close };
}

/** Whether the database answers a trivial query (false once closed or broken): for /healthz. */
export function isDatabaseReachable(db: Db): boolean {
  try {
    db.get(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
