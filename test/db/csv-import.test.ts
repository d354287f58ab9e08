import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, userAttributes, userNotes, users, userTags } from "../../src/db/schema/index.js";
import type { Actor } from "../../src/features/audit/audit-log.js";
import { importUsers } from "../../src/features/users/csv/import-users.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { createTestDatabase, testPostgresUrl } from "../support/test-database.js";

const now = new Date("2026-06-01T12:00:00Z");
const admin = { kind: "admin", id: 900_001 } satisfies Actor;
/** An import's connection, on a clock that stands at `now`. */
const deps = (db: Db) => ({ db, now: () => now });
const apply = { dryRun: false };
const dryRun = { dryRun: true };

function fresh() {
  const { db } = createTestDatabase();
  return { db, repo: new UserRepository(db) };
}

type Db = ReturnType<typeof fresh>["db"];

/** Every row an import can touch, to show that something did not change. */
function snapshot(db: Db) {
  return {
    users: db.select().from(users).orderBy(asc(users.id)).all(),
    tags: db.select().from(userTags).orderBy(asc(userTags.userId), asc(userTags.tag)).all(),
    attributes: db.select().from(userAttributes).all(),
    notes: db.select().from(userNotes).all(),
    audit: db.select().from(auditLog).all(),
  };
}

const userById = (db: Db, id: number) => db.select().from(users).where(eq(users.id, id)).get();
const tagsOf = (db: Db, id: number) =>
  db
    .select({ tag: userTags.tag })
    .from(userTags)
    .where(eq(userTags.userId, id))
    .orderBy(asc(userTags.tag))
    .all()
    .map((t) => t.tag);
const attributesOf = (db: Db, id: number) =>
  Object.fromEntries(
    db
      .select()
      .from(userAttributes)
      .where(eq(userAttributes.userId, id))
      .all()
      .map((a) => [a.key, a.value]),
  );

describe("CSV import: awkward files", () => {
  it("when a file starts with a BOM and uses commas, then it imports and the header is read without the BOM", async () => {
    const { db } = fresh();
    const report = await importUsers(deps(db), admin, {
      file: "\uFEFFtelegram_id,first_name,tags\n101,Ann,vip\n",
      ...apply,
    });
    expect(report).toMatchObject({ applied: true, delimiter: ",", rows: 1, created: 1, skipped: [] });
    expect(userById(db, 101)).toMatchObject({ firstName: "Ann", status: "pending", importedAt: now });
    expect(tagsOf(db, 101)).toEqual(["vip"]);
  });

  it("when the file is bytes with a BOM, then it reads the same as text", async () => {
    const { db } = fresh();
    const bytes = new TextEncoder().encode("\uFEFFEmail;First Name\nann@example.com;Ann\n");
    const report = await importUsers(deps(db), admin, { file: bytes, ...apply });
    expect(report).toMatchObject({ applied: true, delimiter: ";", created: 1 });
  });

  it("when a file uses semicolons and Title Case headers, then the delimiter is detected and the fields map", async () => {
    const { db } = fresh();
    const file = [
      "Telegram ID;First Name;Last Name;Username;Language;Phone;Email;Timezone;Gender;Status;Registered At",
      "102;Bob;Stone;@bobst;en_US;+1 (541) 754-3010;Bob@Example.com;Europe/Berlin;Male;active;2026-01-31 10:00:00",
    ].join("\r\n");
    const report = await importUsers(deps(db), admin, { file: file, ...apply });
    expect(report).toMatchObject({ applied: true, delimiter: ";", created: 1, skipped: [] });
    expect(userById(db, 102)).toMatchObject({
      firstName: "Bob",
      lastName: "Stone",
      username: "bobst",
      languageCode: "en-us",
      phone: "+15417543010",
      email: "Bob@Example.com",
      timezone: "Europe/Berlin",
      gender: "male",
      status: "active",
      registeredAt: new Date("2026-01-31T10:00:00Z"),
    });
  });

  it("when a file uses tabs, then the delimiter is detected", async () => {
    const { db } = fresh();
    const report = await importUsers(deps(db), admin, {
      file: "id\tfirst_name\tcity, country\n103\tCy\tBerlin, Germany\n",
      ...apply,
    });
    expect(report).toMatchObject({ applied: true, delimiter: "\t", created: 1 });
    expect(attributesOf(db, 103)).toEqual({ city_country: "Berlin, Germany" });
  });

  it("when cells hold quoted newlines, then they are kept and later rows still report their own line", async () => {
    const { db } = fresh();
    const file = [
      "id,first_name,notes",
      '104,Dee,"first line',
      'second line, with a comma"',
      "",
      "105,Eve,plain",
      "106,Fay", // line 6: one cell short
      '107,Gus,"say ""hi"""',
    ].join("\n");
    const report = await importUsers(deps(db), admin, { file: file, ...apply, validRowsOnly: true });
    expect(report.skipped).toEqual([{ line: 6, problems: [{ kind: "cell_count", expected: 3, got: 2 }] }]);
    expect(report).toMatchObject({ applied: true, rows: 4, created: 3 });
    const notes = db.select().from(userNotes).orderBy(asc(userNotes.userId)).all();
    expect(notes.map((n) => [n.userId, n.text, n.authorId])).toEqual([
      [104, "first line\nsecond line, with a comma", admin.id],
      [105, "plain", admin.id],
      [107, 'say "hi"', admin.id],
    ]);
  });

  it("when ids, phones or emails repeat within the file, then the later rows are wrong and name the first line", async () => {
    const { db } = fresh();
    const file = [
      "id,phone,email",
      "201,+4915112345678,a@example.com",
      "202,,b@example.com",
      "201,,c@example.com",
      ",+49 151 12345678,",
      "203,,B@EXAMPLE.COM",
    ].join("\n");
    const report = await importUsers(deps(db), admin, { file: file, ...apply });
    expect(report.applied).toBe(false);
    expect(report.skipped).toEqual([
      { line: 4, problems: [{ kind: "duplicate", field: "telegramId", value: "201", firstLine: 2 }] },
      { line: 5, problems: [{ kind: "duplicate", field: "phone", value: "+4915112345678", firstLine: 2 }] },
      { line: 6, problems: [{ kind: "duplicate", field: "email", value: "b@example.com", firstLine: 3 }] },
    ]);
    expect(snapshot(db).users).toEqual([]);
  });

  it("when values are bad or too long, then each wrong row lists its reasons by line and the file imports nothing", async () => {
    const { db } = fresh();
    const file = [
      "Telegram ID,First Name,Email,Phone,Status,Registered At,Tags,bio",
      "301,Ann,ann@example,,,,,",
      "-5,Bob,,12,,,,",
      `302,${"N".repeat(65)},,,,,,`,
      "303,Cy,,,sleeping,31/01/2026,good tag,",
      `304,Dee,,,,,клиент,${"é".repeat(513)}`,
      ",Eve,,,,,,",
      "305,Fay,fay@example.com,,,,,",
      ",Gus,gus@example.com,,active,,,",
    ].join("\n");
    const before = snapshot(db);
    const report = await importUsers(deps(db), admin, { file: file, ...apply });
    expect(report).toMatchObject({ applied: false, rows: 8, created: 1 });
    expect(report.skipped).toEqual([
      {
        line: 2,
        problems: [{ kind: "invalid", field: "email", column: "Email", value: "ann@example" }],
      },
      {
        line: 3,
        problems: [
          { kind: "invalid", field: "telegramId", column: "Telegram ID", value: "-5" },
          { kind: "invalid", field: "phone", column: "Phone", value: "12" },
        ],
      },
      { line: 4, problems: [{ kind: "too_long", column: "First Name", max: 64 }] },
      {
        line: 5,
        problems: [
          { kind: "invalid", field: "status", column: "Status", value: "sleeping" },
          { kind: "invalid", field: "registeredAt", column: "Registered At", value: "31/01/2026" },
        ],
      },
      {
        line: 6,
        problems: [
          { kind: "invalid", field: "tags", column: "Tags", value: "клиент" },
          { kind: "too_long", column: "bio", max: 1024 },
        ],
      },
      { line: 7, problems: [{ kind: "no_key" }] },
      { line: 9, problems: [{ kind: "active_without_telegram_id" }] },
    ]);
    expect(snapshot(db)).toEqual(before);

    const valid = await importUsers(deps(db), admin, { file: file, ...apply, validRowsOnly: true });
    expect(valid).toMatchObject({ applied: true, created: 1 });
    expect(valid.skipped).toHaveLength(7);
    expect(userById(db, 305)).toMatchObject({ firstName: "Fay", email: "fay@example.com" });
    expect(db.select().from(users).all()).toHaveLength(1);
  });

  it("when a value in a column without a name is found, then that row is wrong; an empty one is fine", async () => {
    const { db } = fresh();
    const report = await importUsers(deps(db), admin, {
      file: "id,first_name,\n401,Ann,\n402,Bob,oops\n",
      ...apply,
      validRowsOnly: true,
    });
    expect(report.skipped).toEqual([
      { line: 3, problems: [{ kind: "value_in_unnamed_column", position: 3 }] },
    ]);
    expect(report.created).toBe(1);
  });

  it("when a row's cells are all empty, then it is passed over silently", async () => {
    const { db } = fresh();
    const report = await importUsers(deps(db), admin, { file: "id;first_name\n;\n501;Ann\n;;\n", ...apply });
    // The ";;" line has a cell too many, so it is wrong even though empty; the ";" line is skipped.
    expect(report.skipped).toEqual([{ line: 4, problems: [{ kind: "cell_count", expected: 2, got: 3 }] }]);
    expect(report.rows).toBe(2);
  });

  it("when the file is not CSV one can import, then the whole file is refused with the reason", async () => {
    const { db } = fresh();
    expect((await importUsers(deps(db), admin, { file: "", ...apply })).fileProblems).toEqual([
      { kind: "empty" },
    ]);
    expect(
      (await importUsers(deps(db), admin, { file: new Uint8Array([0x69, 0x64, 0x0a, 0xff, 0xfe]), ...apply }))
        .fileProblems,
    ).toEqual([{ kind: "not_utf8" }]);
    expect(
      (await importUsers(deps(db), admin, { file: "first_name,last_name\nAnn,Lee\n", ...apply }))
        .fileProblems,
    ).toEqual([{ kind: "no_key_column" }]);
    const malformed = await importUsers(deps(db), admin, {
      file: 'id,first_name\n601,"Ann\n602,Bob\n',
      ...apply,
    });
    expect(malformed.fileProblems).toEqual([expect.objectContaining({ kind: "malformed" })]);
    expect(malformed.applied).toBe(false);
    expect(snapshot(db).users).toEqual([]);
  });
});

describe("CSV import: Manychat", () => {
  // Written by hand after Manychat's contact export: Title Case headers, tags joined with ", ",
  // custom fields as their own columns, Locale next to a Language name.
  const manychat = [
    '"Subscriber ID","First Name","Last Name","Full Name","Gender","Locale","Language","Timezone","Phone","Email","Subscribed","Last Interaction","Tags","Favourite Colour","Order Count"',
    '"7012345678","Maria","Garcia","Maria Garcia","female","es_ES","Spanish","+01:00","+34 612 345 678","maria@example.es","2024-03-01 09:15:00","2026-05-30 18:02:11","VIP Customer, newsletter","blue","3"',
    '"7012345679","John","","John","male","en_US","English","-05:00","","john@example.com","2024-04-12 11:00:00","2026-05-01 07:45:00","newsletter","","0"',
    '"7012345680","","","","","","","","","","2025-01-05 12:00:00","2025-01-05 12:00:00","","",""',
  ].join("\n");

  it("when a Manychat export is imported, then ids, names, contacts and tags map and custom fields become attributes", async () => {
    const { db } = fresh();
    const report = await importUsers(deps(db), admin, { file: manychat, ...apply });
    expect(report).toMatchObject({ applied: true, delimiter: ",", created: 3, skipped: [] });
    expect(report.columns.map((c) => [c.header, c.role])).toEqual([
      ["Subscriber ID", { kind: "field", field: "telegramId" }],
      ["First Name", { kind: "field", field: "firstName" }],
      ["Last Name", { kind: "field", field: "lastName" }],
      ["Full Name", { kind: "attribute", key: "full_name" }],
      ["Gender", { kind: "field", field: "gender" }],
      ["Locale", { kind: "field", field: "languageCode" }],
      ["Language", { kind: "attribute", key: "language" }],
      ["Timezone", { kind: "field", field: "timezone" }],
      ["Phone", { kind: "field", field: "phone" }],
      ["Email", { kind: "field", field: "email" }],
      ["Subscribed", { kind: "attribute", key: "subscribed" }],
      ["Last Interaction", { kind: "attribute", key: "last_interaction" }],
      ["Tags", { kind: "field", field: "tags" }],
      ["Favourite Colour", { kind: "attribute", key: "favourite_colour" }],
      ["Order Count", { kind: "attribute", key: "order_count" }],
    ]);
    expect(userById(db, 7012345678)).toMatchObject({
      firstName: "Maria",
      lastName: "Garcia",
      gender: "female",
      languageCode: "es-es",
      timezone: "Etc/GMT-1",
      phone: "+34612345678",
      email: "maria@example.es",
      status: "pending",
    });
    expect(tagsOf(db, 7012345678)).toEqual(["newsletter", "vip_customer"]);
    expect(attributesOf(db, 7012345678)).toEqual({
      full_name: "Maria Garcia",
      language: "Spanish",
      subscribed: "2024-03-01 09:15:00",
      last_interaction: "2026-05-30 18:02:11",
      favourite_colour: "blue",
      order_count: "3",
    });
    // Manychat's Language names the language its platform reports (as Locale does): nobody chose it in the bot.
    expect(userById(db, 7012345678)?.language).toBeNull();
    expect(userById(db, 7012345679)).toMatchObject({ lastName: null, timezone: "Etc/GMT+5" });
    expect(userById(db, 7012345680)).toMatchObject({ firstName: null, status: "pending" });
  });
});

/** A second imported contact with the same email, as an admin could create by hand before the import. */
function createUserWithEmail(db: Db, email: string) {
  const ms = now.getTime();
  db.$client
    .prepare(
      "INSERT INTO users (id, email, first_seen_at, last_seen_at, referral_code) VALUES (-99, ?, ?, ?, 'x99')",
    )
    .run(email, ms, ms);
}

describe("CSV import: rules against the users already stored", () => {
  it("when the dry run is asked for, then it reports what would happen and changes nothing", async () => {
    const { db, repo } = fresh();
    repo.touch({ id: 701, is_bot: false, first_name: "Ann" }, now);
    const before = snapshot(db);
    const report = await importUsers(deps(db), admin, {
      file: "id,first_name,email\n701,Anna,ann@example.com\n702,Bob,\n,,c@example.com\n",
      ...dryRun,
    });
    expect(report).toMatchObject({ applied: false, created: 2, updated: 1, unchanged: 0, skipped: [] });
    expect(snapshot(db)).toEqual(before);
  });

  it("when a row finds a Telegram user, then it fills empty fields, adds tags and new attributes, and overwrites nothing", async () => {
    const { db, repo } = fresh();
    repo.touch({ id: 801, is_bot: false, first_name: "Ann", language_code: "en" }, now);
    repo.register(801, { referrerId: null, campaignId: null }, now);
    repo.addTags(801, ["old"], now);
    db.insert(userAttributes).values({ userId: 801, key: "plan", value: "gold", updatedAt: now }).run();
    const file = [
      "telegram_id,first_name,last_name,language,email,status,tags,plan,city,notes",
      '801,Anna,Lee,de,ann@example.com,banned,"old, new",silver,Oslo,Met at the fair',
    ].join("\n");

    const report = await importUsers(deps(db), admin, { file: file, ...apply });
    expect(report).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 0 });
    expect(userById(db, 801)).toMatchObject({
      firstName: "Ann",
      lastName: "Lee",
      languageCode: "en",
      email: "ann@example.com",
      status: "active",
      importedAt: null,
    });
    expect(tagsOf(db, 801)).toEqual(["new", "old"]);
    expect(attributesOf(db, 801)).toEqual({ plan: "gold", city: "Oslo" });

    const again = await importUsers(deps(db), admin, { file: file, ...apply });
    expect(again).toMatchObject({ applied: true, updated: 0, unchanged: 1 });
    expect(db.select().from(userNotes).all()).toHaveLength(1);
  });

  it("when a row has a chosen language, then it is kept by its primary subtag for users who chose none; a choice already made and an empty cell stay", async () => {
    const { db, repo } = fresh();
    for (const id of [811, 812]) {
      repo.touch({ id, is_bot: false, first_name: "Ann", language_code: "en" }, now);
      repo.register(id, { referrerId: null, campaignId: null }, now);
    }
    db.update(users).set({ language: "ru" }).where(eq(users.id, 811)).run();
    const file = "telegram_id,chosen_language\n811,es\n812,pt-BR\n813,\n814,DE\n";

    const report = await importUsers(deps(db), admin, { file, ...apply });
    expect(report).toMatchObject({ applied: true, created: 2, updated: 1, unchanged: 1, skipped: [] });
    expect([811, 812, 813, 814].map((id) => userById(db, id)?.language)).toEqual(["ru", "pt", null, "de"]);
    expect(userById(db, 812)?.languageCode).toBe("en");
  });

  it("when a Telegram user's name is blank or invisible, then the import gives them one", async () => {
    const { db, repo } = fresh();
    repo.touch({ id: 802, is_bot: false, first_name: "\u3164" }, now);
    await importUsers(deps(db), admin, { file: "id,first_name\n802,Ann\n", ...apply });
    expect(userById(db, 802)?.firstName).toBe("Ann");
  });

  it("when rows have no Telegram id, then they get negative ids below every other, are pending and marked imported", async () => {
    const { db } = fresh();
    await importUsers(deps(db), admin, {
      file: "phone,first_name\n+4915100000001,Ann\n+4915100000002,\n",
      ...apply,
    });
    await importUsers(deps(db), admin, { file: "email\nc@example.com\n", ...apply });
    const contacts = db.select().from(users).orderBy(asc(users.id)).all();
    expect(contacts.map((u) => [u.id, u.status, u.importedAt])).toEqual([
      [-3, "pending", now],
      [-2, "pending", now],
      [-1, "pending", now],
    ]);
    expect(contacts.map((u) => u.phone ?? u.email)).toEqual([
      "c@example.com",
      "+4915100000002",
      "+4915100000001",
    ]);
  });

  it("when a row's Telegram id is new and its phone finds an imported contact, then the contact is merged into that Telegram user", async () => {
    const { db } = fresh();
    await importUsers(deps(db), admin, {
      file: "phone,first_name,tags,plan\n+4915100000001,Ann,fair,gold\n",
      ...apply,
    });
    const report = await importUsers(deps(db), admin, {
      file: "telegram_id,phone,last_name,tags\n901,+49 151 00000001,Lee,vip\n",
      ...apply,
    });
    expect(report).toMatchObject({ applied: true, created: 0, updated: 1, skipped: [] });
    expect(
      db
        .select()
        .from(users)
        .all()
        .map((u) => u.id),
    ).toEqual([901]);
    expect(userById(db, 901)).toMatchObject({ firstName: "Ann", lastName: "Lee", phone: "+4915100000001" });
    expect(tagsOf(db, 901)).toEqual(["fair", "vip"]);
    expect(attributesOf(db, 901)).toEqual({ plan: "gold" });
  });

  it("when a known Telegram user's row has the email of imported contacts, then they are all merged into them", async () => {
    const { db, repo } = fresh();
    repo.touch({ id: 902, is_bot: false, first_name: "Bob" }, now);
    await importUsers(deps(db), admin, { file: "email,tags\nbob@example.com,lead\n", ...apply });
    createUserWithEmail(db, "BOB@example.com");
    const report = await importUsers(deps(db), admin, { file: "id,email\n902,Bob@Example.com\n", ...apply });
    expect(report).toMatchObject({ applied: true, updated: 1, skipped: [] });
    expect(
      db
        .select()
        .from(users)
        .all()
        .map((u) => u.id),
    ).toEqual([902]);
    expect(userById(db, 902)?.email).toBe("Bob@Example.com");
    expect(tagsOf(db, 902)).toEqual(["lead"]);
  });

  it("when a row's phone or email belongs to another Telegram user, then the row is a conflict", async () => {
    const { db, repo } = fresh();
    repo.touch({ id: 1001, is_bot: false, first_name: "Ann" }, now);
    repo.touch({ id: 1002, is_bot: false, first_name: "Bob" }, now);
    await importUsers(deps(db), admin, {
      file: "id,phone,email\n1001,+4915100000001,ann@example.com\n1002,,bob@example.com\n",
      ...apply,
    });
    await importUsers(deps(db), admin, { file: "email,phone\ncy@example.com,+4915100000003\n", ...apply });
    const report = await importUsers(deps(db), admin, {
      file: [
        "id,phone,email",
        "1002,+4915100000001,",
        "1003,,BOB@example.com",
        ",+4915100000003,ann@example.com",
      ].join("\n"),
      ...apply,
      validRowsOnly: true,
    });
    expect(report.skipped).toEqual([
      { line: 2, problems: [{ kind: "conflict", field: "phone", userId: 1001 }] },
      { line: 3, problems: [{ kind: "conflict", field: "email", userId: 1002 }] },
      // Found by phone, the imported contact; the email belongs to someone else.
      { line: 4, problems: [{ kind: "conflict", field: "email", userId: 1001 }] },
    ]);
    expect(report).toMatchObject({ applied: true, created: 0, updated: 0 });
  });

  it("when a Telegram user typed a phone or email themselves, then no row finds them by it: it makes an imported contact, and another Telegram id with it is no conflict", async () => {
    const { db, repo } = fresh();
    repo.touch({ id: 1201, is_bot: false, first_name: "Mallory" }, now);
    repo.setPhone(1201, "+4915100000001", "self_reported");
    repo.setEmail(1201, "vic@example.com", "self_reported");
    // A phone stored before sources were recorded is no key either.
    repo.touch({ id: 1202, is_bot: false, first_name: "Old" }, now);
    db.update(users).set({ phone: "+4915100000002" }).where(eq(users.id, 1202)).run();

    const report = await importUsers(deps(db), admin, {
      file: [
        "id,phone,email,tags,notes",
        ",+4915100000001,,vip,Owes us a call",
        ",,VIC@example.com,newsletter,",
        ",+4915100000002,,old,",
      ].join("\n"),
      ...apply,
    });
    expect(report).toMatchObject({ applied: true, created: 3, updated: 0, skipped: [] });
    for (const id of [1201, 1202]) {
      expect(tagsOf(db, id)).toEqual([]);
      expect(db.select().from(userNotes).where(eq(userNotes.userId, id)).all()).toEqual([]);
    }
    expect(userById(db, 1201)).toMatchObject({ phone: "+4915100000001", phoneSource: "self_reported" });
    // The victim's row with their Telegram id is no conflict and takes the contacts made above.
    const victim = await importUsers(deps(db), admin, {
      file: "id,phone,email,tags\n1203,+4915100000001,vic@example.com,client\n",
      ...apply,
    });
    expect(victim).toMatchObject({ applied: true, updated: 1, skipped: [] });
    expect(db.select({ id: users.id }).from(users).orderBy(asc(users.id)).all()).toEqual([
      { id: -3 },
      { id: 1201 },
      { id: 1202 },
      { id: 1203 },
    ]);
    expect(userById(db, 1203)).toMatchObject({
      phone: "+4915100000001",
      phoneSource: "owner",
      email: "vic@example.com",
      emailSource: "owner",
    });
    expect(tagsOf(db, 1203)).toEqual(["client", "newsletter", "vip"]);
    expect(userById(db, -3)).toMatchObject({ phone: "+4915100000002", phoneSource: "owner" });
  });

  it("when an import is applied, then one audit entry counts what it did, without anyone's data", async () => {
    const { db } = fresh();
    await importUsers(deps(db), admin, { file: "id,first_name\n1101,Ann\n", ...dryRun });
    expect(db.select().from(auditLog).all()).toEqual([]);
    await importUsers(deps(db), admin, {
      file: "id,first_name\n1101,Ann\n1102,Bob\n1102,Dup\n",
      ...apply,
      validRowsOnly: true,
    });
    expect(db.select().from(auditLog).all()).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        action: "users.import",
        after: { created: 2, updated: 0, unchanged: 0, skipped: 1 },
      }),
    ]);
  });
});

describe("CSV import: a 10 MB file", () => {
  // 1 MB on PostgreSQL: the file is read alike on both, and a row there takes ~100 times longer to write.
  const fileMb = testPostgresUrl === undefined ? 10 : 1;
  const rowsFor = (bytes: number) => {
    const lines = ["telegram_id,first_name,last_name,phone,email,tags,plan,city,bio"];
    let size = lines[0]?.length ?? 0;
    for (let i = 1; size < bytes + 1024; i++) {
      const line = `${5_000_000 + i},First${i},Last${i},+4917${String(i).padStart(9, "0")},u${i}@example.com,"t${i % 7}, all",p${i % 3},City ${i % 100},${"x".repeat(300)}`;
      lines.push(line);
      size += line.length + 1;
    }
    return lines;
  };

  it("when one row of 10 MB is bad, then nothing changes; with valid rows only, the rest imports; the dry run changes nothing", async () => {
    const { db, repo } = fresh();
    repo.touch({ id: 5_000_001, is_bot: false, first_name: "Kept" }, now);
    const lines = rowsFor(fileMb * 1024 * 1024);
    const badLine = Math.floor(lines.length / 2);
    lines[badLine] = `${5_000_000 + badLine},Bad,Row,+491,not-an-email,,,,`;
    const file = lines.join("\n");
    expect(file.length).toBeGreaterThanOrEqual(fileMb * 1024 * 1024);
    const dataRows = lines.length - 1;
    const before = snapshot(db);

    const preview = await importUsers(deps(db), admin, { file: file, ...dryRun });
    expect(preview).toMatchObject({ applied: false, rows: dataRows, created: dataRows - 2, updated: 1 });
    expect(preview.skipped.map((s) => s.line)).toEqual([badLine + 1]);
    expect(snapshot(db)).toEqual(before);

    const allOrNothing = await importUsers(deps(db), admin, { file: file, ...apply });
    expect(allOrNothing.applied).toBe(false);
    expect(snapshot(db)).toEqual(before);

    const valid = await importUsers(deps(db), admin, { file: file, ...apply, validRowsOnly: true });
    expect(valid).toMatchObject({ applied: true, created: dataRows - 2, updated: 1 });
    // Every row but the bad one, the first of them the user who was already there.
    expect(db.select().from(users).all()).toHaveLength(dataRows - 1);
    expect(userById(db, 5_000_001)?.firstName).toBe("Kept");
    expect(userById(db, 5_000_000 + badLine)).toBeUndefined();
  }, 60_000);
});

describe("CSV import: the event loop", () => {
  it("when a file is read piece by piece, then multi-byte names and quoted newlines across the pieces read as written", async () => {
    const { db } = fresh();
    const lines = ["telegram_id,first_name,notes"];
    // Over one 64 KB piece either way; fewer on PostgreSQL, where a row takes ~100 times longer to write.
    const count = testPostgresUrl === undefined ? 6_000 : 3_000;
    for (let i = 1; i <= count; i++) lines.push(`${7_000_000 + i},😀日本語${i}ë,"line one\n行 ${i}"`);
    lines.push("not-an-id,Last,x");
    const report = await importUsers(deps(db), admin, {
      file: new TextEncoder().encode(lines.join("\n")),
      ...apply,
    });
    expect(report.skipped).toEqual([
      {
        line: 2 + count * 2,
        problems: [expect.objectContaining({ kind: "invalid", field: "telegramId", value: "not-an-id" })],
      },
    ]);
    expect(report).toMatchObject({ applied: false, created: count });
    const valid = await importUsers(deps(db), admin, { file: lines.slice(0, -1).join("\n"), ...apply });
    expect(valid).toMatchObject({ applied: true, created: count });
    const names = db.select({ id: users.id, firstName: users.firstName }).from(users).all();
    expect(names.filter((u) => u.firstName !== `😀日本語${u.id - 7_000_000}ë`)).toEqual([]);
    const notes = db.select({ text: userNotes.text }).from(userNotes).orderBy(userNotes.id).all();
    expect(notes.at(-1)?.text).toBe(`line one\n行 ${count}`);
  });

  it("when a large file is imported, then timers run while it is read, and the report counts every row", async () => {
    const { db } = fresh();
    const lines = ["telegram_id,first_name,email,tags,city"];
    // Fewer on PostgreSQL, where looking a row's keys up takes ~100 times longer.
    const count = testPostgresUrl === undefined ? 20_000 : 5_000;
    for (let i = 1; i <= count; i++)
      lines.push(`${6_000_000 + i},First${i},u${i}@example.com,"t${i % 7}, all",C${i}`);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const report = await importUsers(deps(db), admin, { file: lines.join("\n"), ...dryRun });
      const ticksDuringImport = ticks;
      expect(ticksDuringImport).toBeGreaterThanOrEqual(3);
      expect(report).toMatchObject({ applied: false, rows: count, created: count, skipped: [] });
    } finally {
      clearInterval(timer);
    }
  });
});
