import { existsSync } from "node:fs";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { printableLocation } from "../../config.js";
import type { Db } from "../../db/client.js";
import { migrationStatus } from "../../db/migration-status.js";
import { isPostgresUrl } from "../../db/postgres/open-postgres.js";
import { PostgresDatabase } from "../../db/postgres/postgres-database.js";
import * as schema from "../../db/schema/index.js";
import { AdminDirectory } from "../admins/admin-directory.js";
import { integrityProblems, openExisting } from "../backup/database-file.js";
import { RequiredChatRepository } from "../gate/required-chats/required-chat-repository.js";
import { type CheckResult, ok, problem, skipped } from "./check.js";

/** The database's checks, and what the reach checks read from it (none when it cannot be read). */
export interface DatabaseFindings {
  results: CheckResult[];
  addedAdminIds?: number[];
  requiredChats?: schema.RequiredChatRecord[];
}

const restoreFix = "restore the latest backup (usher restore <file>, see README: Back up and restore)";

/**
 * The file opens (or the server answers), every shipped migration is applied and none is unknown,
 * and SQLite's integrity_check and quick_check pass. Opens without migrating: doctor only looks.
 */
export function checkDatabase(location: string, ownerIds: readonly number[]): DatabaseFindings {
  return isPostgresUrl(location) ? checkPostgres(location, ownerIds) : checkSqlite(location, ownerIds);
}

function checkSqlite(path: string, ownerIds: readonly number[]): DatabaseFindings {
  if (!existsSync(path)) {
    return {
      results: [
        problem(
          "database",
          `no database at ${path}`,
          "start Usher once, or run `usher migrate`, to create it",
        ),
        skipped("migrations", "no database"),
        skipped("integrity", "no database"),
      ],
    };
  }
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openExisting(path);
    return inspect(sqlite, path, ownerIds);
  } catch (error) {
    return {
      results: [
        problem("database", `${path} cannot be read: ${(error as Error).message}`, restoreFix),
        skipped("migrations", "database unreadable"),
        skipped("integrity", "database unreadable"),
      ],
    };
  } finally {
    sqlite?.close();
  }
}

/** PostgreSQL keeps its own pages sound (checksums, amcheck): doctor checks that it answers and is migrated. */
function checkPostgres(url: string, ownerIds: readonly number[]): DatabaseFindings {
  const shown = printableLocation(url);
  const postgres = new PostgresDatabase(url);
  try {
    postgres.prepare("SELECT 1").get();
  } catch (error) {
    postgres.close();
    return {
      results: [
        problem(
          "database",
          `${shown} does not answer: ${(error as Error).message}`,
          "start PostgreSQL, or correct DATABASE_URL (host, port, user, database)",
        ),
        skipped("migrations", "database unreachable"),
        skipped("integrity", "database unreachable"),
      ],
    };
  }
  try {
    return inspect(postgres as unknown as Database.Database, shown, ownerIds, []);
  } finally {
    postgres.close();
  }
}

function inspect(
  sqlite: Database.Database,
  location: string,
  ownerIds: readonly number[],
  integrity = [...integrityProblems(sqlite), ...quickCheckProblems(sqlite)],
): DatabaseFindings {
  const results: CheckResult[] = [ok("database", location)];
  const status = migrationStatus(sqlite);
  if (status.unknown.length > 0) {
    results.push(
      problem(
        "migrations",
        `${status.unknown.length} applied migration(s) this build does not know: a newer Usher wrote this database`,
        "run the newer Usher, or restore a backup this version wrote",
      ),
    );
  } else if (status.pending.length > 0) {
    results.push(
      problem(
        "migrations",
        `${status.pending.length} not applied: ${status.pending.map((m) => m.tag).join(", ")}`,
        "run `usher migrate` (or start Usher, which applies them)",
      ),
    );
  } else {
    results.push(ok("migrations", `all ${status.applied.length} applied`));
  }
  if (integrity.length > 0) {
    results.push(problem("integrity", integrity.slice(0, 3).join("; "), restoreFix));
    return { results };
  }
  results.push(
    sqlite instanceof PostgresDatabase
      ? skipped("integrity", "PostgreSQL checks its own pages (data checksums, amcheck)")
      : ok("integrity", "integrity_check and quick_check ok"),
  );
  if (status.pending.length > 0 || status.unknown.length > 0) return { results };
  const db = drizzle(sqlite, { schema }) as Db;
  return {
    results,
    addedAdminIds: new AdminDirectory(db, ownerIds).addedAdminIds(),
    requiredChats: new RequiredChatRepository(db).list(),
  };
}

function quickCheckProblems(sqlite: Database.Database): string[] {
  const rows = sqlite.pragma("quick_check") as Array<{ quick_check: string }>;
  return rows.map((r) => r.quick_check).filter((line) => line !== "ok");
}
