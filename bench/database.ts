import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDatabase, type OpenDatabase } from "../src/db/client.js";
import { PostgresDatabase } from "../src/db/postgres/postgres-database.js";

/** The databases a scenario can run on. */
export const engines = ["sqlite", "postgres"] as const;
export type Engine = (typeof engines)[number];

export const engineNames: Record<Engine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/** The PostgreSQL server the benches use: each run makes a schema of its own there and drops it after. */
export const benchPostgresUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

/** Whether a PostgreSQL server answers at the bench's URL within a second. */
export async function postgresAnswers(url = benchPostgresUrl): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A throwaway database: where it is (a file path or a URL, as DATABASE_PATH or DATABASE_URL take it). */
export interface BenchDatabase {
  engine: Engine;
  /** The SQLite file, or the PostgreSQL URL confined to the run's schema. */
  location: string;
  /** The environment variable a Usher process opens it by. */
  environment: Record<string, string>;
  /** Drops the schema or deletes the file (close what was opened on it first). */
  remove(): void;
}

/** The same URL with its sessions confined to one schema (their tables, their migrations). */
function inSchema(url: string, schema: string): string {
  const separator = url.includes("?") ? "&" : "?";
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** A fresh, empty place for a database: a SQLite file in a temporary folder, or a new PostgreSQL schema. */
export function createBenchDatabase(engine: Engine): BenchDatabase {
  if (engine === "sqlite") {
    const folder = mkdtempSync(join(tmpdir(), "usher-bench-"));
    const location = join(folder, "usher.db");
    return {
      engine,
      location,
      environment: { DATABASE_PATH: location },
      remove: () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const schema = `usher_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  onServer(`create schema ${schema}`);
  const location = inSchema(benchPostgresUrl, schema);
  return {
    engine,
    location,
    environment: { DATABASE_URL: location },
    remove: () => onServer(`drop schema if exists ${schema} cascade`),
  };
}

function onServer(statement: string): void {
  const admin = new PostgresDatabase(benchPostgresUrl);
  try {
    admin.native(statement);
  } finally {
    admin.close();
  }
}

/** A fresh migrated database, opened: close and remove it with `remove()`. */
export function openBenchDatabase(engine: Engine): {
  database: OpenDatabase;
  place: BenchDatabase;
  remove(): void;
} {
  const place = createBenchDatabase(engine);
  let database: OpenDatabase;
  try {
    database = createDatabase(place.location);
  } catch (error) {
    place.remove();
    throw error;
  }
  return {
    database,
    place,
    remove: () => {
      database.close();
      place.remove();
    },
  };
}

/** PostgreSQL takes a few thousand rows in one INSERT far faster than one round trip each. */
const rowsPerInsert = 2000;

type Value = string | number | boolean | null | undefined;

/** A value as a PostgreSQL literal: quoted, so the column's type reads it (`'1'` is a boolean too). */
function literal(value: Value): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "'1'" : "'0'";
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** Rows going into one table: `add` one row's values in the columns' order. */
export interface TableWriter {
  add(...values: Value[]): void;
}

/**
 * Fills tables as fast as each database takes rows: prepared INSERTs in one transaction on SQLite,
 * multi-row INSERTs of literals on PostgreSQL, flushed in the order the tables were named (parents
 * before the rows that point at them).
 */
export function bulkInsert<T extends string>(
  database: OpenDatabase,
  tables: Record<T, readonly string[]>,
  fill: (into: Record<T, TableWriter>) => void,
): void {
  const { sqlite } = database;
  if (!(sqlite instanceof PostgresDatabase)) {
    const writers = Object.fromEntries(
      (Object.entries(tables) as [T, readonly string[]][]).map(([table, columns]) => {
        const insert = sqlite.prepare(
          `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        );
        return [table, { add: (...values: Value[]) => void insert.run(...values) }];
      }),
    ) as Record<T, TableWriter>;
    sqlite.transaction(() => fill(writers))();
    return;
  }
  const names = Object.keys(tables) as T[];
  const pending = new Map<T, string[]>(names.map((table) => [table, []]));
  let buffered = 0;
  const flush = () => {
    for (const [table, rows] of pending) {
      if (rows.length === 0) continue;
      const columns = tables[table].join(", ");
      (sqlite as PostgresDatabase).native(`INSERT INTO ${table} (${columns}) VALUES ${rows.join(",\n")}`);
      rows.length = 0;
    }
    buffered = 0;
  };
  const writers = Object.fromEntries(
    names.map((table) => [
      table,
      {
        add: (...values: Value[]) => {
          (pending.get(table) as string[]).push(`(${values.map(literal).join(", ")})`);
          buffered += 1;
          if (buffered >= rowsPerInsert) flush();
        },
      },
    ]),
  ) as Record<T, TableWriter>;
  // A load, not Usher's work: foreign keys unchecked (the rows are consistent by construction) and
  // commits not waiting for the disk, restored after.
  sqlite.native("set session_replication_role = replica; set synchronous_commit = off");
  try {
    fill(writers);
    flush();
  } finally {
    sqlite.native("set session_replication_role = default; set synchronous_commit = on");
  }
  // What autovacuum does after a load (PostgreSQL 13+ vacuums insert-only tables too): statistics for
  // the planner, and the visibility map that lets index-only scans skip the table.
  for (const table of names) sqlite.native(`VACUUM (ANALYZE) ${table}`);
}

/** Whether an open database is PostgreSQL. */
export function isPostgres(database: OpenDatabase): boolean {
  return database.sqlite instanceof PostgresDatabase;
}
