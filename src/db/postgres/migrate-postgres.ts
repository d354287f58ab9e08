import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PostgresDatabase } from "./postgres-database.js";

/** One lock for every instance: two starting at once apply the migrations once, one after the other. */
const migrationLock = 7_142_020_261;

/**
 * Applies the PostgreSQL migrations drizzle-kit generated (`migrations-pg/`) that this database has
 * not seen, in one transaction, and records them as drizzle does (hash and folder time). Returns how
 * many were applied.
 */
export function migratePostgres(database: PostgresDatabase, migrationsFolder: string): number {
  const migrations = readMigrationFiles({ migrationsFolder });
  database.native(
    "create table if not exists __drizzle_migrations (id bigserial primary key, hash text not null, created_at bigint)",
  );
  return database.transaction(() => {
    database.native(`select pg_advisory_xact_lock(${migrationLock})`);
    const last = database.prepare("select max(created_at) as last from __drizzle_migrations").get() as {
      last: number | null;
    };
    const pending = migrations.filter((m) => last.last === null || m.folderMillis > last.last);
    const record = database.prepare("insert into __drizzle_migrations (hash, created_at) values (?, ?)");
    for (const migration of pending) {
      // One round trip per migration. drizzle-kit names the public schema; the tables belong in the
      // connection's own (its search_path).
      database.native(migration.sql.join(";\n").replaceAll('"public".', ""));
      record.run(migration.hash, migration.folderMillis);
    }
    return pending.length;
  })();
}
