import { createStorageConfig } from "../config.js";
import { backupDatabase } from "../features/backup/backup-database.js";
import type { DatabaseSummary } from "../features/backup/database-file.js";
import { type CliIo, exitCode, formatBytes, say } from "./io.js";
import { sqliteFileOf } from "./storage.js";

/** How a database file reads in one line: size, rows, migrations. */
export function describeDatabase(summary: DatabaseSummary): string {
  const rows = Object.entries(summary.rows)
    .map(([table, n]) => `${table} ${n}`)
    .join(", ");
  return `${formatBytes(summary.bytes)}; ${rows}; ${summary.migrations.applied.length} migration(s) applied`;
}

/** `usher backup <file>`: an online, consistent copy of the database, safe while Usher runs. */
export async function backupCommand(io: CliIo, file: string): Promise<number> {
  const databasePath = sqliteFileOf(createStorageConfig(io.env), "backup");
  const summary = await backupDatabase(databasePath, file);
  say(
    io,
    `Backed up ${databasePath} to ${summary.path} (integrity_check ok)`,
    `  ${describeDatabase(summary)}`,
  );
  return exitCode.ok;
}
