import type { OpenDatabase } from "../../src/db/client.js";
import { PostgresDatabase } from "../../src/db/postgres/postgres-database.js";

/** What to refuse: updates of `column` in `table` whose new row meets `when` (SQL over `NEW.…`). */
export interface Refusal {
  table: string;
  column: string;
  when: string;
  /** The error the database raises. */
  message: string;
}

/**
 * Makes the database itself refuse some updates, as a full disk would, on SQLite (a temporary
 * trigger) and on PostgreSQL (a trigger and its function in the test's schema). Returns what lifts
 * the refusal; running it again does nothing, so an afterEach can run it whatever the test did.
 */
export function refuseUpdates(database: OpenDatabase, { table, column, when, message }: Refusal): () => void {
  const name = `refuse_${table}_${column}`;
  const quoted = message.replaceAll("'", "''");
  const client = database.sqlite as unknown;
  let lifted = false;
  if (client instanceof PostgresDatabase) {
    client.native(`create function ${name}() returns trigger language plpgsql as $$
      begin raise exception '${quoted}'; end $$;
      create trigger ${name} before update of ${column} on ${table} for each row
      when (${when}) execute function ${name}()`);
    return () => {
      if (lifted || !client.open) return;
      lifted = true;
      client.native(`drop trigger if exists ${name} on ${table}; drop function if exists ${name}()`);
    };
  }
  const sqlite = database.sqlite;
  sqlite.exec(`CREATE TEMP TRIGGER ${name} BEFORE UPDATE OF ${column} ON ${table}
    WHEN ${when}
    BEGIN SELECT RAISE(ABORT, '${quoted}'); END`);
  return () => {
    if (lifted || !sqlite.open) return;
    lifted = true;
    sqlite.exec(`DROP TRIGGER IF EXISTS temp.${name}`);
  };
}
