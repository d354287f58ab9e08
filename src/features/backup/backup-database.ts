import { renameSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { BackupError } from "./backup-errors.js";
import { type DatabaseSummary, inspectUsherDatabase, openExisting } from "./database-file.js";

/** Pages per backup step: all of them, so the copy is one read of one snapshot (WAL: writers go on). */
export const allPages = 0x7fffffff;

/**
 * Copies a database with SQLite's online backup API while Usher may be writing to it: the copy
 * holds everything committed when it was taken. Written beside the destination and renamed into
 * place only once it passes integrity_check, as a single file (no -wal to carry along).
 */
export async function backupDatabase(sourcePath: string, destination: string): Promise<DatabaseSummary> {
  if (resolve(destination) === resolve(sourcePath)) {
    throw new BackupError("same_file", `${destination} is the database itself: back up to another file`);
  }
  const temporary = `${destination}.partial-${process.pid}`;
  rmSync(temporary, { force: true });
  const source = openExisting(sourcePath);
  try {
    await source.backup(temporary, { progress: () => allPages });
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    source.close();
  }
  try {
    const summary = settleCopy(temporary);
    renameSync(temporary, destination);
    return { ...summary, path: destination };
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Makes a fresh copy a single file (journal_mode DELETE) and checks it: BackupError when unsound. */
export function settleCopy(path: string): DatabaseSummary {
  const copy = new Database(path, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    return inspectUsherDatabase(copy);
  } finally {
    copy.close();
  }
}
