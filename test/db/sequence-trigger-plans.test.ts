import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type OpenDatabase } from "../../src/db/client.js";
import {
  registeredBetween,
  taggedBetween,
} from "../../src/features/sequences/sequence-trigger-repository.js";

let database: OpenDatabase;
beforeAll(() => {
  database = createDatabase(":memory:");
});
afterAll(() => database.sqlite.close());

function planOf(query: { toSQL(): { sql: string; params: unknown[] } }): string {
  const { sql, params } = query.toSQL();
  return database.sqlite
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => (row as { detail: string }).detail)
    .join(" | ");
}

describe("sequence trigger query plans", () => {
  const since = new Date("2026-06-01T12:00:00Z");
  const through = new Date("2026-06-01T12:00:01Z");

  it("when the tag trigger looks for taggings, then it searches the (tag, created_at) index for the window only", () => {
    const plan = planOf(taggedBetween(database.db, "trial", since, through));
    expect(plan).toContain("user_tags_tag_time_idx (tag=? AND created_at>? AND created_at<?)");
  });

  it("when the registration and campaign triggers look for newcomers, then they search the registered-at index", () => {
    const plan = planOf(registeredBetween(database.db, since, through));
    expect(plan).toContain("users_registered_at_idx (registered_at>? AND registered_at<?)");
  });
});
