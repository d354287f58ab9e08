import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, type OpenDatabase } from "../../src/db/client.js";
import { PostgresDatabase } from "../../src/db/postgres/postgres-database.js";

/**
 * The PostgreSQL server the suite runs on when `npm run test:pg` sets it; unset, every test gets
 * SQLite in memory, as `npm test` runs.
 */
export const testPostgresUrl = process.env.USHER_TEST_POSTGRES_URL;
/** Schemas this run makes start with it, so the run's teardown drops them and no other run's. */
export const testSchemaPrefix = `usher_${process.env.USHER_TEST_RUN ?? "local"}_`;

/** The same URL with its sessions confined to one schema (their tables, their migrations). */
export function inSchema(url: string, schema: string): string {
  const separator = url.includes("?") ? "&" : "?";
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** A new empty schema of this run's (its teardown drops it). */
function newSchema(url: string): string {
  const schema = `${testSchemaPrefix}${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new PostgresDatabase(url);
  try {
    admin.native(`create schema ${schema}`);
  } finally {
    admin.close();
  }
  return schema;
}

/** Where a real Usher process finds its database: `location` to open it, `env` to hand it over. */
export interface ProcessDatabase {
  location: string;
  env: { DATABASE_PATH: string } | { DATABASE_URL: string };
}

/**
 * A database for tests of real Usher processes: `file` (a SQLite file), or under
 * `npm run test:pg:suite` a schema of its own, migrated by whoever opens it first.
 */
export function processDatabase(file: string): ProcessDatabase {
  if (!testPostgresUrl) return { location: file, env: { DATABASE_PATH: file } };
  const location = inSchema(testPostgresUrl, newSchema(testPostgresUrl));
  return { location, env: { DATABASE_URL: location } };
}

/** Schemas migrated and emptied, ready for the next test in this worker: migrating one takes seconds. */
const idle: string[] = [];

/** Deletes every row and restarts every id, leaving the migrations' record. */
function empty(database: PostgresDatabase): void {
  const tables = database
    .prepare(
      "select tablename from pg_tables where schemaname = current_schema() and tablename <> '__drizzle_migrations'",
    )
    .pluck()
    .all() as string[];
  const sequences = database
    .prepare(
      "select sequencename from pg_sequences where schemaname = current_schema() and sequencename <> '__drizzle_migrations_id_seq'",
    )
    .pluck()
    .all() as string[];
  database.native(
    [
      "set session_replication_role = replica",
      ...tables.map((table) => `delete from "${table}"`),
      ...sequences.map((sequence) => `alter sequence "${sequence}" restart`),
      "set session_replication_role = default",
    ].join(";\n"),
  );
}

/**
 * A fresh, migrated database for one test: SQLite in memory, or under `npm run test:pg` a schema of
 * its own on PostgreSQL, emptied when the database is closed and handed to the worker's next test.
 */
export function createTestDatabase(): OpenDatabase {
  if (!testPostgresUrl) return createDatabase(":memory:");
  return openSchema(testPostgresUrl, takeSchema(testPostgresUrl));
}

/**
 * Two connections to one fresh database, as two processes have: a SQLite file in a temporary
 * folder, or under `npm run test:pg` one schema of its own on PostgreSQL. Closing the first closes both.
 */
export function createSharedTestDatabase(): [OpenDatabase, OpenDatabase] {
  if (!testPostgresUrl) {
    const folder = mkdtempSync(join(tmpdir(), "usher-shared-"));
    const file = join(folder, "usher.db");
    const second = createDatabase(file);
    const first = createDatabase(file);
    const close = () => {
      first.close();
      second.close();
      rmSync(folder, { recursive: true, force: true });
    };
    return [{ ...first, close }, second];
  }
  const schema = takeSchema(testPostgresUrl);
  const second = createDatabase(inSchema(testPostgresUrl, schema));
  const first = openSchema(testPostgresUrl, schema);
  return [
    {
      ...first,
      close: () => {
        second.close();
        first.close();
      },
    },
    second,
  ];
}

/** A migrated, empty schema of this worker's, or a new one. */
function takeSchema(url: string): string {
  return idle.pop() ?? newSchema(url);
}

/** Opens `schema`; closing empties it and hands it to the worker's next test. */
function openSchema(url: string, schema: string): OpenDatabase {
  const database = createDatabase(inSchema(url, schema));
  let closed = false;
  return {
    ...database,
    close: () => {
      if (closed) return;
      closed = true;
      empty(database.sqlite as unknown as PostgresDatabase);
      database.close();
      idle.push(schema);
    },
  };
}
