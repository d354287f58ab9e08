import { existsSync } from "node:fs";
import { createStorageConfig, type StorageConfig } from "../config.js";
import { createDatabase, type OpenDatabase } from "../db/client.js";
import { BackupError } from "../features/backup/backup-errors.js";
import type { CliIo } from "./io.js";

/** The SQLite file a file-level command works on; refused when the bot runs on PostgreSQL. */
export function sqliteFileOf(storage: StorageConfig, command: string): string {
  if (storage.databaseUrl !== undefined)
    throw new BackupError(
      "not_sqlite",
      `${command} works on the SQLite file, and DATABASE_URL points at PostgreSQL: use pg_dump and pg_restore (or your provider's point-in-time recovery) there`,
    );
  return storage.databasePath;
}

/** Opens the bot's database for a command: PostgreSQL when DATABASE_URL is set, else the existing SQLite file. */
export function openStorage(io: CliIo): { storage: StorageConfig; database: OpenDatabase } {
  const storage = createStorageConfig(io.env);
  if (storage.databaseUrl !== undefined) return { storage, database: createDatabase(storage.databaseUrl) };
  if (!existsSync(storage.databasePath))
    throw new BackupError("no_database", `no database at ${storage.databasePath}`);
  return { storage, database: createDatabase(storage.databasePath) };
}
