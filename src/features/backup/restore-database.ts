import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "../../db/client.js";
import * as schema from "../../db/schema/index.js";
import { activeLeaseName, defaultLeaseTiming } from "../lease/instance-lease.js";
import { LeaseRepository } from "../lease/lease-repository.js";
import { allPages, settleCopy } from "./backup-database.js";
import { BackupError } from "./backup-errors.js";
import { type DatabaseSummary, inspectUsherDatabase, openExisting } from "./database-file.js";

/** What a restore did: the database now in place, and where the one it replaced was kept. */
export interface RestoreResult {
  restored: DatabaseSummary;
  /** The replaced database (with its -wal when it had one), or null when there was none. */
  keptAs: string | null;
}

export interface RestoreOptions {
  now: Date;
}

/**
 * Puts a backup in place of the database while Usher is stopped. Refuses a file that is not a sound
 * Usher database or that a newer Usher wrote (an older one is fine: its migrations run at start),
 * and a database whose instance lease is unexpired. The replaced database is renamed aside with its
 * -wal, and the -shm removed, so no stale log is ever replayed onto the restored file.
 */
export async function restoreDatabase(
  file: string,
  databasePath: string,
  options: RestoreOptions,
): Promise<RestoreResult> {
  if (resolve(file) === resolve(databasePath)) {
    throw new BackupError("same_file", `${file} is the database itself: restore from a backup file`);
  }
  const source = openExisting(file, { readonly: true });
  const temporary = `${databasePath}.restoring-${process.pid}`;
  try {
    const incoming = checkRestorable(source);
    if (existsSync(databasePath)) refuseWhileRunning(databasePath, options);
    // The copy is made and checked first: a full disk must not leave no database at all.
    mkdirSync(dirname(databasePath), { recursive: true });
    rmSync(temporary, { force: true });
    await source.backup(temporary, { progress: () => allPages });
    settleCopy(temporary);
    const keptAs = existsSync(databasePath) ? keepAside(databasePath, options.now) : null;
    renameSync(temporary, databasePath);
    return { restored: { ...incoming, path: databasePath }, keptAs };
  } finally {
    rmSync(temporary, { force: true });
    source.close();
  }
}

function checkRestorable(source: Database.Database): DatabaseSummary {
  const summary = inspectUsherDatabase(source);
  if (summary.migrations.unknown.length > 0) {
    throw new BackupError(
      "newer_schema",
      `${source.name} was written by a newer Usher (${summary.migrations.unknown.length} migration(s) this build does not know): restore it with that version or newer`,
    );
  }
  return summary;
}

/**
 * An unexpired lease means Usher runs: the holder renews it every 2 s. (Not whether its pid is
 * alive: after a kill -9 the pid may belong to another program by now.)
 */
function refuseWhileRunning(databasePath: string, options: RestoreOptions): void {
  let sqlite: Database.Database | undefined;
  let holder: schema.LeaseRecord | undefined;
  try {
    sqlite = openExisting(databasePath);
    holder = new LeaseRepository(drizzle(sqlite, { schema }) as Db).find(activeLeaseName);
  } catch {
    // A database that cannot be read is no running bot's either: it is what a restore is for.
    holder = undefined;
  } finally {
    // The last connection to close checkpoints the -wal into the file.
    sqlite?.close();
  }
  if (holder === undefined) return;
  const sinceRenewal = options.now.getTime() - holder.renewedAt.getTime();
  if (sinceRenewal < defaultLeaseTiming.ttlMs) {
    throw new BackupError(
      "bot_running",
      `Usher is running on ${databasePath} (pid ${holder.pid} on ${holder.host}, lease renewed ${Math.round(sinceRenewal / 1000)} s ago): stop it first (a lease not renewed for ${defaultLeaseTiming.ttlMs / 1000} s counts as free)`,
    );
  }
}

/** Renames the database (and its -wal) to `<db>.before-restore-<time>`; the -shm is only an index. */
function keepAside(databasePath: string, now: Date): string {
  const keptAs = `${databasePath}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
  renameSync(databasePath, keptAs);
  if (existsSync(`${databasePath}-wal`)) renameSync(`${databasePath}-wal`, `${keptAs}-wal`);
  rmSync(`${databasePath}-shm`, { force: true });
  return keptAs;
}
