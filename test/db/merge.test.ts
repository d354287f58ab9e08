import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { linkClicks, userAttributes, userNotes, users, userTags } from "../../src/db/schema/index.js";
import {
  findImportedByEmail,
  findImportedByPhone,
  MergeError,
  mergeImportedContact,
} from "../../src/features/users/merge.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { createTestDatabase } from "../support/test-database.js";
import { insertImportedContact } from "../support/user-factory.js";

const imported = new Date("2026-01-10T09:00:00Z");
const seen = new Date("2026-06-01T12:00:00Z");

function setup() {
  const { db } = createTestDatabase();
  const repo = new UserRepository(db);
  const addImported = (id: number, values: Partial<typeof users.$inferInsert> = {}) =>
    insertImportedContact(db, { id, ...values }, imported);
  const telegramUser = (id: number, firstName = "Ann") =>
    repo.touch({ id, is_bot: false, first_name: firstName }, seen);
  return { db, repo, addImported, telegramUser };
}

describe("mergeImportedContact", () => {
  it("when an imported contact is merged, then tags, attributes, notes and counters move and the row is gone", () => {
    const { db, repo, addImported, telegramUser } = setup();
    addImported(-1, {
      firstName: "Annabel",
      lastName: "Lee",
      email: "ann@example.com",
      phone: "+60123456789",
      timezone: "Asia/Kuala_Lumpur",
      messageCount: 4,
      sessionCount: 2,
      clickCount: 3,
      timeSpentSeconds: 100,
      sentimentTotal: 6,
      sentimentCount: 3,
      lastMessageText: "old news",
      lastMessageAt: imported,
    });
    repo.addTags(-1, ["vip", "manychat"], imported);
    repo.setAttribute(-1, "country", "Malaysia", imported);
    repo.setAttribute(-1, "plan", "gold", imported);
    repo.addNote(-1, 7, "Met at the fair", imported);
    db.insert(linkClicks).values({ userId: -1, url: "https://example.com", at: imported }).run();

    telegramUser(42, "Ann");
    repo.addTags(42, ["vip"], seen);
    repo.setAttribute(42, "plan", "silver", seen);
    repo.addNote(42, 8, "Asked about prices", seen);
    repo.setEmail(42, "ann@work.example");

    const summary = mergeImportedContact({ db }, { fromId: -1, intoId: 42 });

    expect(summary).toEqual({ tags: 1, attributes: 1, notes: 1 });
    expect(repo.find(-1)).toBeUndefined();
    expect(repo.tagsOf(42).sort()).toEqual(["manychat", "vip"]);
    expect(repo.attributesOf(42).map(({ key, value }) => [key, value])).toEqual([
      ["country", "Malaysia"],
      ["plan", "silver"],
    ]);
    expect(repo.notesOf(42).map((n) => [n.text, n.authorId])).toEqual([
      ["Asked about prices", 8],
      ["Met at the fair", 7],
    ]);
    expect(db.select().from(linkClicks).where(eq(linkClicks.userId, 42)).all()).toHaveLength(1);
    expect(repo.find(42)).toMatchObject({
      firstName: "Ann",
      lastName: "Lee",
      email: "ann@work.example",
      phone: "+60123456789",
      timezone: "Asia/Kuala_Lumpur",
      importedAt: imported,
      messageCount: 4,
      sessionCount: 2,
      clickCount: 3,
      timeSpentSeconds: 100,
      sentimentTotal: 6,
      sentimentCount: 3,
      lastMessageText: "old news",
      lastMessageAt: imported,
    });
    for (const table of [userTags, userAttributes, userNotes, linkClicks]) {
      expect(db.select().from(table).where(eq(table.userId, -1)).all()).toEqual([]);
    }
  });

  it("when the Telegram user is a Dear User, then the imported names fill in; a later last message of theirs stays", () => {
    const { repo, db, addImported, telegramUser } = setup();
    addImported(-2, { firstName: "Bob", lastName: "Stone", lastMessageText: "old", lastMessageAt: imported });
    telegramUser(43, "\u3164");
    db.update(users)
      .set({ lastMessageText: "new", lastMessageAt: seen, messageCount: 1 })
      .where(eq(users.id, 43))
      .run();

    mergeImportedContact({ db }, { fromId: -2, intoId: 43 });

    expect(repo.find(43)).toMatchObject({
      firstName: "Bob",
      lastName: "Stone",
      lastMessageText: "new",
      lastMessageAt: seen,
      messageCount: 1,
    });
  });

  it("when the imported contact referred others, then they and the count follow the Telegram user", () => {
    const { repo, db, addImported, telegramUser } = setup();
    addImported(-3, { referralCount: 1 });
    telegramUser(44);
    telegramUser(45, "Child");
    db.update(users).set({ referrerId: -3 }).where(eq(users.id, 45)).run();

    mergeImportedContact({ db }, { fromId: -3, intoId: 44 });

    expect(repo.find(45)?.referrerId).toBe(44);
    expect(repo.find(44)?.referralCount).toBe(1);
  });

  it("when the ids are the wrong way round or unknown, then nothing changes and a typed error says which", () => {
    const { repo, db, addImported, telegramUser } = setup();
    addImported(-4);
    telegramUser(46);
    expect(() => mergeImportedContact({ db }, { fromId: 46, intoId: -4 })).toThrow(MergeError);
    expect(() => mergeImportedContact({ db }, { fromId: -5, intoId: 46 })).toThrow(
      expect.objectContaining({ code: "not_imported" }),
    );
    expect(() => mergeImportedContact({ db }, { fromId: -4, intoId: 47 })).toThrow(
      expect.objectContaining({ code: "not_telegram_user" }),
    );
    expect(repo.find(-4)).toBeDefined();
  });
});

describe("finding imported contacts", () => {
  it("when looked up by phone or email, then only imported rows match, however the value is written", () => {
    const { addImported, telegramUser, repo, db } = setup();
    addImported(-1, { phone: "+60123456789", email: "Ann@Example.com" });
    addImported(-2, { phone: "+441234567" });
    telegramUser(42);
    repo.setPhone(42, "+60123456789");
    repo.setEmail(42, "ann@example.com");

    expect(findImportedByPhone(db, "60123456789").map((u) => u.id)).toEqual([-1]);
    expect(findImportedByPhone(db, "+60 12-345 6789").map((u) => u.id)).toEqual([-1]);
    expect(findImportedByEmail(db, " ANN@example.com ").map((u) => u.id)).toEqual([-1]);
    expect(findImportedByPhone(db, "not a phone")).toEqual([]);
    expect(findImportedByEmail(db, "nobody@example.com")).toEqual([]);
  });
});
