import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parse } from "csv-parse/sync";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { createDatabase } from "../../src/db/client.js";
import { campaigns, userAttributes, userNotes, users, userTags } from "../../src/db/schema/index.js";
import type { Actor } from "../../src/features/audit/audit-log.js";
import { exportColumns } from "../../src/features/users/csv/csv-columns.js";
import { exportUsersCsv } from "../../src/features/users/csv/export-users.js";
import { importUsers } from "../../src/features/users/csv/import-users.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { createTestDatabase } from "../support/test-database.js";

const now = new Date("2026-06-01T12:00:00Z");
const admin = { kind: "admin", id: 900_001 } satisfies Actor;
/** An import's connection, on a clock that stands at `now`. */
const deps = (db: Db) => ({ db, now: () => now });

type Db = ReturnType<typeof createDatabase>["db"];

/** V8's collector, so a test can see what stays alive (vitest does not start Node with --expose-gc). */
function exposeGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

async function text(stream: AsyncIterable<unknown>): Promise<string> {
  let out = "";
  for await (const chunk of stream) out += String(chunk);
  return out;
}

/** Users with every kind of field, tag, attribute and note, including awkward values. */
async function seed(db: Db) {
  const repo = new UserRepository(db);
  const person = (id: number, first: string, extra: Partial<typeof users.$inferInsert> = {}) => {
    repo.touch({ id, is_bot: false, first_name: first }, now);
    db.update(users).set(extra).where(eq(users.id, id)).run();
  };
  person(11, "Ann", {
    lastName: "Lee",
    username: "ann_lee",
    languageCode: "en",
    phone: "+4915100000011",
    email: "ann@example.com",
    timezone: "Europe/Berlin",
    gender: "female",
  });
  repo.register(11, { referrerId: null, campaignId: null }, new Date("2026-01-02T03:04:05.678Z"));
  person(12, '=HYPERLINK("http://evil")', { lastName: '+Plus, "quoted"', status: "banned" });
  person(13, "-Minus", { lastName: "@At" });
  repo.register(13, { referrerId: 11, campaignId: null }, new Date("2026-02-01T00:00:00Z"));
  repo.addTags(11, ["vip", "news"], now);
  repo.addTags(13, ["news"], now);
  const attribute = (userId: number, key: string, value: string) =>
    db.insert(userAttributes).values({ userId, key, value, updatedAt: now }).run();
  attribute(11, "city", "Oslo, Norway");
  attribute(11, "email", "work@example.com"); // the same name as a standard column
  attribute(11, "messages", "many"); // the same name as an export-only column
  attribute(12, "bio", "line one\nline two");
  attribute(13, "score", "-5");
  db.insert(userNotes)
    .values({ userId: 11, authorId: admin.id, text: "Met at the fair", createdAt: now })
    .run();
  // An imported contact without a Telegram id.
  await importUsers(deps(db), admin, {
    file: "phone,first_name,tags,plan\n+4915100000099,Dora,lead,gold\n",
    dryRun: false,
  });
}

/** What a round trip must reproduce, keyed by Telegram id or, for contacts, by phone. */
function essentials(db: Db) {
  const rows = db.select().from(users).orderBy(asc(users.id)).all();
  return Object.fromEntries(
    rows.map((u) => [
      u.id > 0 ? `id:${u.id}` : `phone:${u.phone}`,
      {
        firstName: u.firstName,
        lastName: u.lastName,
        username: u.username,
        languageCode: u.languageCode,
        phone: u.phone,
        email: u.email,
        timezone: u.timezone,
        gender: u.gender,
        status: u.status,
        registeredAt: u.registeredAt,
        tags: db
          .select({ tag: userTags.tag })
          .from(userTags)
          .where(eq(userTags.userId, u.id))
          .orderBy(asc(userTags.tag))
          .all()
          .map((t) => t.tag),
        attributes: Object.fromEntries(
          db
            .select()
            .from(userAttributes)
            .where(eq(userAttributes.userId, u.id))
            .all()
            .map((a) => [a.key, a.value]),
        ),
        notes: db
          .select({ text: userNotes.text })
          .from(userNotes)
          .where(eq(userNotes.userId, u.id))
          .all()
          .map((n) => n.text),
      },
    ]),
  );
}

describe("CSV export", () => {
  it("when users are exported and the file imported into an empty bot, then fields, tags, attributes and notes come back", async () => {
    const source = createTestDatabase().db;
    await seed(source);
    const csv = await text(exportUsersCsv(source));

    const target = createTestDatabase().db;
    const report = await importUsers(deps(target), admin, { file: csv, dryRun: false });
    expect(report).toMatchObject({ applied: true, created: 4, skipped: [] });
    expect(essentials(target)).toEqual(essentials(source));
  });

  it("when the export is imported back into the same bot, then every user is unchanged", async () => {
    const { db } = createTestDatabase();
    await seed(db);
    const before = essentials(db);
    const report = await importUsers(deps(db), admin, {
      file: await text(exportUsersCsv(db)),
      dryRun: false,
    });
    expect(report).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 4, skipped: [] });
    expect(essentials(db)).toEqual(before);
  });

  it("when the file is read, then it has every standard column, one per attribute, and escapes formulas", async () => {
    const { db } = createTestDatabase();
    await seed(db);
    db.insert(campaigns).values({ code: "spring", name: "Spring", createdAt: now }).run();
    db.update(users)
      .set({ campaignId: 1, sentimentTotal: 3, sentimentCount: 2 })
      .where(eq(users.id, 11))
      .run();
    const [header, ...rows] = parse(await text(exportUsersCsv(db))) as string[][];
    expect(header).toEqual([
      ...exportColumns,
      "bio",
      "city",
      "attribute:email",
      "attribute:messages",
      "plan",
      "score",
    ]);
    const byId = (id: string) => {
      const row = rows.find((r) => r[0] === id);
      return Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]));
    };
    expect(byId("11")).toMatchObject({
      first_name: "Ann",
      phone: "+4915100000011",
      tags: "news, vip",
      registered_at: "2026-01-02T03:04:05.678Z",
      notes: "Met at the fair",
      campaign: "spring",
      average_sentiment: "1.5",
      city: "Oslo, Norway",
      "attribute:email": "work@example.com",
      status: "active",
    });
    expect(byId("12")).toMatchObject({
      first_name: '\'=HYPERLINK("http://evil")',
      last_name: '\'+Plus, "quoted"',
      bio: "line one\nline two",
      status: "banned",
    });
    expect(byId("13")).toMatchObject({
      first_name: "'-Minus",
      last_name: "'@At",
      score: "-5",
      referrer_id: "11",
    });
    // The imported contact has no Telegram id to show.
    expect(rows.find((r) => r[1] === "Dora")?.[0]).toBe("");
  });

  it("when a condition selects some users, then only they are exported, with only their attribute columns", async () => {
    const { db } = createTestDatabase();
    await seed(db);
    const [header, ...rows] = parse(
      await text(exportUsersCsv(db, { where: eq(users.status, "active"), batchSize: 1 })),
    ) as string[][];
    expect(rows.map((r) => r[0])).toEqual(["11", "13"]);
    expect(header?.slice(exportColumns.length)).toEqual([
      "city",
      "attribute:email",
      "attribute:messages",
      "score",
    ]);
  });

  it("when 200,000 users are exported, then memory stays flat while the file streams out", async () => {
    const { db, sqlite } = createTestDatabase();
    const count = 200_000;
    // Set-based, one statement a table: a row at a time would take PostgreSQL minutes.
    const numbers = `WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < ${count})`;
    const ms = now.getTime();
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `INSERT INTO users (id, first_name, last_name, email, status, first_seen_at, last_seen_at, referral_code)
           ${numbers} SELECT id, 'First' || id, 'Last' || id, 'u' || id || '@example.com', 'active', ${ms}, ${ms}, 'c' || id FROM n`,
        )
        .run();
      sqlite
        .prepare(
          `INSERT INTO user_tags (user_id, tag, created_at) ${numbers} SELECT id, 't' || (id % 10), ${ms} FROM n`,
        )
        .run();
      sqlite
        .prepare(
          `INSERT INTO user_attributes (user_id, key, value, updated_at)
           ${numbers} SELECT id, 'plan', 'p' || (id % 3), ${ms} FROM n
           UNION ALL SELECT id, 'bio', '${"x".repeat(400)}', ${ms} FROM n`,
        )
        .run();
    })();

    const gc = exposeGc();
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    for await (const chunk of exportUsersCsv(db)) {
      const piece = String(chunk);
      bytes += piece.length;
      for (let i = piece.indexOf("\n"); i !== -1; i = piece.indexOf("\n", i + 1)) lines++;
      // What is still alive after a collection is what the export holds on to.
      if (++chunks % 2000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(lines).toBe(count + 1);
    expect(bytes).toBeGreaterThan(100 * 1024 * 1024);
    // Holding the file or the users would keep over 100 MB alive; one batch at a time keeps little.
    expect(peak - baseline).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
