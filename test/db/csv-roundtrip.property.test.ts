import { asc, eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { createDatabase } from "../../src/db/client.js";
import { users } from "../../src/db/schema/index.js";
import type { Actor } from "../../src/features/audit/audit-log.js";
import { exportUsersCsv } from "../../src/features/users/csv/export-users.js";
import { importUsers } from "../../src/features/users/csv/import-users.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { createTestDatabase, testPostgresUrl } from "../support/test-database.js";

const now = new Date("2026-06-01T12:00:00Z");
const admin = { kind: "admin", id: 900_001 } satisfies Actor;
/** An import's connection, on a clock that stands at `now`. */
const deps = (db: Db) => ({ db, now: () => now });
type Db = ReturnType<typeof createDatabase>["db"];
/** Fewer runs on PostgreSQL, where each takes a schema and round trips ~100 times SQLite's: the files vary alike. */
const runs = (sqlite: number) => (testPostgresUrl === undefined ? sqlite : Math.ceil(sqlite / 5));

/** Text a CSV file finds awkward: separators, quotes, line breaks, formula starters, emoji, RTL. */
const awkwardChar = fc.constantFrom(..."aZ9 ,;\t\"'\n\r=+-@|\\ёß€\u05d0\u200b".split(""), "😀", "''=");
const awkwardText = (maxLength: number) =>
  fc
    .array(fc.oneof(awkwardChar, fc.string({ minLength: 1, maxLength: 1 })), { minLength: 1, maxLength })
    .map((chars) => chars.join(""));
/** Names as Telegram and the profile checks keep them: one line, trimmed, not empty, at most 64 characters. */
const name = awkwardText(20)
  .map((s) => s.replace(/[\r\n]/g, " ").trim())
  .filter((s) => s.length > 0 && s.length <= 64);
const tag = fc.stringMatching(/^[a-z0-9_]{1,12}$/);
const attributeKey = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);

const person = fc.record({
  firstName: fc.option(name, { nil: null }),
  lastName: fc.option(name, { nil: null }),
  // Any language a user may choose or an admin may set, as stored (its primary subtag).
  language: fc.option(fc.stringMatching(/^[a-z]{2,3}$/), { nil: null }),
  tags: fc.uniqueArray(tag, { maxLength: 3 }),
  // Attribute values are stored trimmed and never empty (checkedAttribute).
  attributes: fc.dictionary(
    attributeKey,
    awkwardText(30).filter((s) => s.trim() !== ""),
    { maxKeys: 3 },
  ),
});

type Person = typeof person extends fc.Arbitrary<infer T> ? T : never;

function seed(db: Db, people: Array<Person>) {
  const repo = new UserRepository(db);
  people.forEach((p, i) => {
    const id = 1000 + i;
    repo.touch({ id, is_bot: false, first_name: "x" }, now);
    db.update(users)
      .set({ firstName: p.firstName, lastName: p.lastName, language: p.language })
      .where(eq(users.id, id))
      .run();
    repo.register(id, { referrerId: null, campaignId: null }, now);
    if (p.tags.length > 0) repo.addTags(id, p.tags, now);
    for (const [key, value] of Object.entries(p.attributes)) repo.setAttribute(id, key, value, now);
  });
}

function essentials(db: Db) {
  const repo = new UserRepository(db);
  return db
    .select()
    .from(users)
    .orderBy(asc(users.id))
    .all()
    .map((u) => ({
      id: u.id,
      firstName: u.firstName,
      lastName: u.lastName,
      language: u.language,
      tags: repo.tagsOf(u.id).sort(),
      attributes: Object.fromEntries(repo.attributesOf(u.id).map((a) => [a.key, a.value])),
    }));
}

async function text(stream: AsyncIterable<unknown>): Promise<string> {
  let out = "";
  for await (const chunk of stream) out += String(chunk);
  return out;
}

describe("CSV export then import (property)", () => {
  it("when any users with awkward names, tags and attribute values are exported, then importing the file into an empty bot reproduces them", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 8 }), async (people) => {
        const source = createTestDatabase();
        const target = createTestDatabase();
        try {
          seed(source.db, people);
          const report = await importUsers(deps(target.db), admin, {
            file: await text(exportUsersCsv(source.db)),
            dryRun: false,
          });
          expect(report.skipped).toEqual([]);
          expect(report.fileProblems).toEqual([]);
          expect(essentials(target.db)).toEqual(essentials(source.db));
        } finally {
          source.close();
          target.close();
        }
      }),
      { numRuns: runs(60) },
    );
  });

  it("when any text or bytes are imported, then the import never throws, and a dry run or a refused file changes nothing", async () => {
    const header = fc.constantFrom(
      "telegram_id,first_name,email,tags\n",
      "telegram_id,chosen_language\n",
      "Subscriber ID;First Name;Phone\n",
      "",
      "\uFEFFphone\tcity\n",
    );
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer().map(String),
      fc.constantFrom('"', '""', "\n", ";", ",", "\t", "'=1+1"),
    );
    const file = fc.oneof(
      fc
        .tuple(
          header,
          fc.constantFrom(",", ";", "\t"),
          fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 6 }),
        )
        .map(([head, delimiter, rows]) => head + rows.map((r) => r.join(delimiter)).join("\n")),
      fc.uint8Array({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(file, fc.boolean(), fc.boolean(), async (content, dryRun, validRowsOnly) => {
        const { db, close } = createTestDatabase();
        try {
          seed(db, [
            { firstName: "Kept", lastName: null, language: null, tags: ["t"], attributes: { a: "1" } },
          ]);
          const before = essentials(db);
          const report = await importUsers(deps(db), admin, { file: content, dryRun, validRowsOnly });
          if (dryRun || !report.applied) expect(essentials(db)).toEqual(before);
          expect(
            report.created + report.updated + report.unchanged + report.skipped.length,
          ).toBeLessThanOrEqual(Math.max(report.rows, 0));
        } finally {
          close();
        }
      }),
      { numRuns: runs(200) },
    );
  });
});
