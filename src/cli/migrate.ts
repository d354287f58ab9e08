import { existsSync } from "node:fs";
import { createStorageConfig, printableLocation } from "../config.js";
import { createDatabase } from "../db/client.js";
import { type MigrationStatus, migrationStatus } from "../db/migration-status.js";
import { BackupError } from "../features/backup/backup-errors.js";
import { openExisting } from "../features/backup/database-file.js";
import { type CliIo, exitCode, say } from "./io.js";

/** `usher migrate`: applies pending migrations (creating the database if needed) and names them. */
export function migrateCommand(io: CliIo): number {
  const storage = createStorageConfig(io.env);
  if (storage.databaseUrl !== undefined) {
    createDatabase(storage.databaseUrl).close();
    say(io, `${printableLocation(storage.databaseUrl)} is up to date: every migration applied`);
    return exitCode.ok;
  }
  const { databasePath } = storage;
  const before = existsSync(databasePath) ? statusOf(databasePath) : undefined;
  if (before && before.unknown.length > 0) {
    throw new BackupError(
      "newer_schema",
      `${databasePath} was written by a newer Usher (${before.unknown.length} migration(s) this build does not know): run that version`,
    );
  }
  createDatabase(databasePath).close();
  const after = statusOf(databasePath);
  const had = new Set(before?.applied.map((m) => m.tag));
  const applied = after.applied.filter((m) => !had.has(m.tag)).map((m) => m.tag);
  if (applied.length === 0) {
    say(io, `${databasePath} is up to date: all ${after.applied.length} migration(s) applied, nothing to do`);
  } else {
    say(
      io,
      `${before ? "Migrated" : "Created"} ${databasePath}; applied:`,
      ...applied.map((tag) => `  ${tag}`),
    );
  }
  return exitCode.ok;
}

function statusOf(path: string): MigrationStatus {
  const sqlite = openExisting(path);
  try {
    return migrationStatus(sqlite);
  } finally {
    sqlite.close();
  }
}
