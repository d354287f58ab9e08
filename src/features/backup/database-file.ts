import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { hasMigrationsTable, type MigrationStatus, migrationStatus } from "../../db/migration-status.js";
import { BackupError } from "./backup-errors.js";

/** What a database file holds, for the lines backup and restore print. */
export interface DatabaseSummary {
  path: string;
  bytes: number;
  /** Rows of the tables an operator recognises. */
  rows: Record<(typeof countedTables)[number], number>;
  migrations: MigrationStatus;
}

const countedTables = ["users", "mailings", "deliveries", "audit_log"] as const;

/** Opens an existing SQLite file (never creates one). */
export function openExisting(path: string, options: { readonly?: boolean } = {}): Database.Database {
  if (!existsSync(path)) throw new BackupError("no_database", `no database at ${path}`);
  const sqlite = new Database(path, { fileMustExist: true, readonly: options.readonly ?? false });
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

/** `PRAGMA integrity_check`'s findings: empty when the file is sound. */
export function integrityProblems(sqlite: Database.Database): string[] {
  const rows = sqlite.pragma("integrity_check") as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).filter((line) => line !== "ok");
}

/**
 * Checks that a file is a sound Usher database (SQLite, drizzle's migrations table, a users table,
 * integrity_check ok) and summarises it; BackupError otherwise.
 */
export function inspectUsherDatabase(sqlite: Database.Database): DatabaseSummary {
  const path = sqlite.name;
  let problems: string[];
  try {
    problems = integrityProblems(sqlite);
  } catch (error) {
    // SQLITE_NOTADB and the like: some other kind of file.
    throw new BackupError(
      "not_usher_database",
      `${path} is not an SQLite database (${(error as Error).message})`,
    );
  }
  if (problems.length > 0) {
    throw new BackupError("damaged", `${path} fails integrity_check: ${problems.slice(0, 3).join("; ")}`);
  }
  const hasUsers = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'")
    .get();
  if (!hasMigrationsTable(sqlite) || hasUsers === undefined) {
    throw new BackupError("not_usher_database", `${path} is an SQLite database, but not Usher's`);
  }
  const rows = Object.fromEntries(
    countedTables.map((table) => {
      const exists = sqlite
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(table);
      const count = exists
        ? (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
        : 0;
      return [table, count];
    }),
  ) as DatabaseSummary["rows"];
  return { path, bytes: statSync(path).size, rows, migrations: migrationStatus(sqlite) };
}
