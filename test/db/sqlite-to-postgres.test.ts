import { describe, expect, it } from "vitest";
import { toPostgres } from "../../src/db/postgres/sqlite-to-postgres.js";

const text = (sql: string) => toPostgres(sql).text;

describe("SQLite's SQL rewritten for PostgreSQL", () => {
  it("when a statement has ? placeholders, then they are numbered, and a ? inside a string or a name stays", () => {
    expect(text(`select "a?" from t where b = ? and c = 'x?' and d = ?`)).toBe(
      `select "a?" from t where b = $1 and c = 'x?' and d = $2`,
    );
  });

  it("when named parameters repeat, then each name is one number and the names are listed in order", () => {
    expect(toPostgres("update t set a = @a, b = @b where a <> @a")).toEqual({
      text: "update t set a = $1, b = $2 where a <> $1",
      names: ["a", "b"],
    });
  });

  it("when an insert gives NULL for a column, then PostgreSQL is asked for its default (the next id)", () => {
    expect(
      text(
        `insert into "t" ("id", "a") values (null, ?), (null, ?) on conflict do update set a = coalesce(null, 1)`,
      ),
    ).toBe(
      `insert into "t" ("id", "a") values (default, $1), (default, $2) on conflict do update set a = coalesce(null, 1)`,
    );
  });

  it("when SQLite ignores conflicting inserts, then PostgreSQL does too, before any RETURNING", () => {
    expect(text("INSERT OR IGNORE INTO t (a) VALUES (?)")).toBe(
      "INSERT INTO t (a) VALUES ($1) on conflict do nothing",
    );
    expect(text("INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING a")).toBe(
      "INSERT INTO t (a) VALUES ($1) on conflict do nothing RETURNING a",
    );
    expect(() => text("INSERT OR REPLACE INTO t (a) VALUES (?)")).toThrow(/OR REPLACE/);
  });

  it("when SQLite functions and operators differ, then their PostgreSQL forms are used", () => {
    expect(text("select ifnull(a, 0), max(a, b), max(c), min(a, 1), cast(x as integer) from t")).toBe(
      "select coalesce(a, 0), greatest(a, b), max(c), least(a, 1), cast(x as bigint) from t",
    );
    expect(text("select iif(a > (b + 1), 'x', 'y')")).toBe(
      "select (case when a > (b + 1) then  'x' else  'y' end)",
    );
    expect(text("where a IS ? and b IS NOT ? and c IS NULL and d IS NOT NULL")).toBe(
      "where a is not distinct from $1 and b is distinct from $2 and c IS NULL and d IS NOT NULL",
    );
    expect(text("where name LIKE ?")).toBe("where name ilike $1");
    expect(text("BEGIN IMMEDIATE")).toBe("BEGIN");
  });

  it("when a GLOB pattern is written out, then it becomes a regular expression anchored where the pattern is", () => {
    expect(text("where v GLOB '*[0-9]*' and v NOT GLOB '?*-*' and v GLOB 'a.b'")).toBe(
      "where v ~ '[0-9]' and v  !~ '^..*-' and v ~ '^a\\.b$'",
    );
    expect(text("where v GLOB '*' and v GLOB '**' and v GLOB '*.x' and v GLOB 'x*'")).toBe(
      "where v ~ '$' and v ~ '' and v ~ '\\.x$' and v ~ '^x'",
    );
    expect(() => text("where v GLOB ?")).toThrow(/literal pattern/);
  });
});
