import { existsSync } from "node:fs";
import type Database from "better-sqlite3";
import { createStorageConfig, databaseLocation, printableLocation } from "../config.js";
import { createDatabase } from "../db/client.js";
import { type MigrationStatus, migrationStatus } from "../db/migration-status.js";
import { isPostgresUrl } from "../db/postgres/open-postgres.js";
import { PostgresDatabase } from "../db/postgres/postgres-database.js";
import { BackupError } from "../features/backup/backup-errors.js";
import { openExisting } from "../features/backup/database-file.js";
import { type CliIo, exitCode, say } from "./io.js";

/** `usher migrate`: applies pending migrations (creating the database if needed) and names them. */
export function migrateCommand(io: CliIo): number {
  const location = databaseLocation(createStorageConfig(io.env));
  const shown = printableLocation(location);
  const before = isPostgresUrl(location) || existsSync(location) ? statusOf(location) : undefined;
  if (before && before.unknown.length > 0) {
    throw new BackupError(
      "newer_schema",
      `${shown} was written by a newer Usher (${before.unknown.length} migration(s) this build does not know): run that version`,
    );
  }
  createDatabase(location).close();
  const after = statusOf(location);
  const had = new Set(before?.applied.map((m) => m.tag));
  const applied = after.applied.filter((m) => !had.has(m.tag)).map((m) => m.tag);
  if (applied.length === 0) {
    say(io, `${shown} is up to date: all ${after.applied.length} migration(s) applied, nothing to do`);
  } else {
    say(
      io,
      `${before?.applied.length ? "Migrated" : "Created"} ${shown}; applied:`,
      ...applied.map((tag) => `  ${tag}`),
    );
  }
  return exitCode.ok;
}

/** The database's migrations as they stand, read without applying any. */
function statusOf(location: string): MigrationStatus {
  const database = isPostgresUrl(location)
    ? (new PostgresDatabase(location) as unknown as Database.Database)
    : openExisting(location);
  try {
    return migrationStatus(database);
  } finally {
    database.close();
  }
}
