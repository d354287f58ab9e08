import { createStorageConfig } from "../config.js";
import { restoreDatabase } from "../features/backup/restore-database.js";
import { describeDatabase } from "./backup.js";
import { type CliIo, exitCode, say } from "./io.js";
import { sqliteFileOf } from "./storage.js";

/** `usher restore <file>`: puts a backup in place of the database; Usher must be stopped. */
export async function restoreCommand(io: CliIo, file: string): Promise<number> {
  const databasePath = sqliteFileOf(createStorageConfig(io.env), "restore");
  const { restored, keptAs } = await restoreDatabase(file, databasePath, { now: io.now() });
  say(io, `Restored ${file} to ${databasePath}`, `  ${describeDatabase(restored)}`);
  if (keptAs) say(io, `  the database it replaced is kept as ${keptAs}`);
  const pending = restored.migrations.pending;
  if (pending.length > 0) {
    say(
      io,
      `  it is from an older Usher: ${pending.length} migration(s) to apply (${pending.map((m) => m.tag).join(", ")});`,
      "  they run when Usher starts, or now with `usher migrate`",
    );
  }
  return exitCode.ok;
}
