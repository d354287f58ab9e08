import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrationsFolder } from "./client.js";
import { postgresMigrationsFolder } from "./postgres/open-postgres.js";
import { PostgresDatabase } from "./postgres/postgres-database.js";

/** A migration this build ships, named by its file. */
export interface KnownMigration {
  tag: string;
  /** drizzle's key: the journal's `when`, stored as `created_at`. */
  createdAt: number;
  hash: string;
}

/** How a database's schema stands against the migrations this build ships. */
export interface MigrationStatus {
  /** Shipped migrations the database has. */
  applied: KnownMigration[];
  /** Shipped migrations drizzle would apply at the next start. */
  pending: KnownMigration[];
  /** Rows of `__drizzle_migrations` no shipped migration accounts for: a newer Usher wrote them. */
  unknown: Array<{ hash: string; createdAt: number }>;
}

/** The migrations shipped for this database's dialect, oldest first, with the hash drizzle records for each. */
export function knownMigrations(folder = migrationsFolder): KnownMigration[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ tag: string; when: number }>;
  };
  const files = readMigrationFiles({ migrationsFolder: folder });
  return journal.entries.map((entry, i) => ({
    tag: entry.tag,
    createdAt: entry.when,
    hash: files[i]?.hash ?? "",
  }));
}

/** Whether the database has drizzle's migrations table at all (an Usher database does). */
export function hasMigrationsTable(sqlite: Database.Database): boolean {
  if (sqlite instanceof PostgresDatabase)
    return (
      sqlite
        .prepare(
          "SELECT 1 FROM pg_tables WHERE tablename = '__drizzle_migrations' AND schemaname = current_schema()",
        )
        .get() !== undefined
    );
  return (
    sqlite
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
      .get() !== undefined
  );
}

/**
 * Compares `__drizzle_migrations` with the shipped journal. Pending follows drizzle's own rule
 * (everything newer than the newest applied row), so it says exactly what a start would apply.
 */
export function migrationStatus(
  sqlite: Database.Database,
  known = knownMigrations(sqlite instanceof PostgresDatabase ? postgresMigrationsFolder : migrationsFolder),
): MigrationStatus {
  const rows = hasMigrationsTable(sqlite)
    ? (sqlite.prepare('SELECT hash, created_at AS "createdAt" FROM __drizzle_migrations').all() as Array<{
        hash: string;
        createdAt: number | string;
      }>)
    : [];
  const applied = rows.map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) }));
  const matches = (m: KnownMigration, r: { hash: string; createdAt: number }) =>
    m.hash === r.hash || m.createdAt === r.createdAt;
  const newest = Math.max(Number.NEGATIVE_INFINITY, ...applied.map((r) => r.createdAt));
  return {
    applied: known.filter((m) => applied.some((r) => matches(m, r))),
    pending: known.filter((m) => m.createdAt > newest),
    unknown: applied.filter((r) => !known.some((m) => matches(m, r))),
  };
}
