import { eq, getTableName, is, sql } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import type { createDatabase } from "../../src/db/client.js";
import * as schema from "../../src/db/schema/index.js";
import {
  admins,
  auditLog,
  botGroups,
  campaigns,
  captchaChallenges,
  conversationStates,
  deliveries,
  groupMembers,
  linkClicks,
  pollAnswers,
  relayedMessages,
  sequencePollAnswers,
  sequenceSteps,
  sequenceSubscriptions,
  sequences,
  userAttributes,
  userNotes,
  users,
} from "../../src/db/schema/index.js";
import { AdminDirectory } from "../../src/features/admins/admin-directory.js";
import { AuditLog } from "../../src/features/audit/audit-repository.js";
import { FormRepository } from "../../src/features/forms/form-repository.js";
import { deleteUserData, exportUserData, UserDataError } from "../../src/features/users/gdpr.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { insertCompletedMailing } from "../support/mailing-factory.js";
import { createTestDatabase } from "../support/test-database.js";

const now = new Date("2026-06-01T12:00:00Z");
const adminId = 900_001;
const admin = { kind: "admin", id: adminId } as const;
// Distinctive, so a search for it in any column finds only what is about this person.
const personId = 987_654_321;
const parentId = 555_001;
const childIds = [555_101, 555_102];
const otherId = 555_201;

type Db = ReturnType<typeof createDatabase>["db"];

const ownerId = 900_000;
/** What the verbs need: the database and who administers the bot (one owner from ADMIN_IDS). */
const gdpr = (db: Db) => ({ db, admins: new AdminDirectory(db, [ownerId]), now: () => now });

/** A person with rows in every table that can hold something about a user. */
function seed(db: Db) {
  const repo = new UserRepository(db);
  const touch = (id: number, first: string) => repo.touch({ id, is_bot: false, first_name: first }, now);
  const campaign = db
    .insert(campaigns)
    .values({ code: "spring", name: "Spring", createdBy: adminId, createdAt: now })
    .returning()
    .get();
  touch(parentId, "Paula");
  repo.register(parentId, { referrerId: null, campaignId: null }, now);
  touch(personId, "Ann");
  repo.register(personId, { referrerId: parentId, campaignId: campaign.id }, now);
  db.update(users)
    .set({
      lastName: "Lee",
      email: "ann@example.com",
      phone: "+4915100000001",
      messageCount: 7,
      lastMessageText: "hello there",
      lastMessageAt: now,
      pausedUntil: now,
    })
    .where(eq(users.id, personId))
    .run();
  for (const id of childIds) {
    touch(id, `Kid${id}`);
    repo.register(id, { referrerId: personId, campaignId: null }, now);
  }
  touch(otherId, "Olga");
  repo.addTags(personId, ["vip", "news"], now);
  const topic = db
    .insert(schema.topics)
    .values({ name: "News", nameKey: "news", createdAt: now })
    .returning()
    .get();
  db.insert(schema.userTopics)
    .values({ topicId: topic.id, userId: personId, source: "form", createdAt: now })
    .run();
  db.insert(userAttributes).values({ userId: personId, key: "city", value: "Oslo", updatedAt: now }).run();
  db.insert(userNotes)
    .values({ userId: personId, authorId: adminId, text: "Called back", createdAt: now })
    .run();
  const mailing = insertCompletedMailing(db, now, { createdBy: adminId });
  db.insert(deliveries)
    .values([
      {
        mailingId: mailing.id,
        userId: personId,
        state: "failed",
        attempts: 1,
        errorKind: "blocked",
        updatedAt: now,
      },
      { mailingId: mailing.id, userId: otherId, state: "sent", attempts: 1, updatedAt: now },
    ])
    .run();
  db.insert(pollAnswers)
    .values([
      { mailingId: mailing.id, option: 2, userId: personId, answeredAt: now },
      { mailingId: mailing.id, option: 1, userId: otherId, answeredAt: now },
    ])
    .run();
  db.insert(relayedMessages)
    .values({ adminChatId: adminId, adminMessageId: 42, userId: personId, createdAt: now })
    .run();
  const drip = db
    .insert(sequences)
    .values({ name: "Drip", enrolledThrough: now, createdAt: now })
    .returning()
    .get();
  db.insert(sequenceSubscriptions)
    .values([
      {
        sequenceId: drip.id,
        userId: personId,
        status: "active",
        position: 1,
        dueAt: now,
        source: "api",
        subscribedAt: now,
      },
      {
        sequenceId: drip.id,
        userId: otherId,
        status: "active",
        position: 0,
        dueAt: now,
        source: "api",
        subscribedAt: now,
      },
    ])
    .run();
  const pollStep = db
    .insert(sequenceSteps)
    .values({
      sequenceId: drip.id,
      position: 0,
      content: { type: "poll", question: "Tea?", options: ["Yes", "No"], allowsMultipleAnswers: false },
      delayMs: 0,
    })
    .returning()
    .get();
  db.insert(sequencePollAnswers)
    .values([
      { stepId: pollStep.id, option: 1, userId: personId, answeredAt: now },
      { stepId: pollStep.id, option: 2, userId: otherId, answeredAt: now },
    ])
    .run();
  db.insert(linkClicks).values({ userId: personId, url: "https://example.com/a", at: now }).run();
  db.insert(botGroups).values({ chatId: -100500, title: "Fans", type: "supergroup", joinedAt: now }).run();
  db.insert(groupMembers).values({ chatId: -100500, userId: personId, isMember: true, seenAt: now }).run();
  db.insert(captchaChallenges)
    .values({
      userId: personId,
      nonce: "n1",
      question: "Tap the 🐱",
      options: ["🐱", "🐶"],
      correctIndex: 0,
      expiresAt: now,
      failures: 1,
    })
    .run();
  db.insert(conversationStates)
    .values([
      { key: `profile-form:${personId}`, value: JSON.stringify({ answers: ["Ann"] }), updatedAt: now },
      { key: `conversation:${personId}`, value: JSON.stringify({ step: 1 }), updatedAt: now },
    ])
    .run();
  const forms = new FormRepository(db);
  const form = forms.create({ name: "Survey", code: "survey" }, now);
  const question = forms.addQuestion(form.id, {
    kind: "text",
    targetKind: "attribute",
    target: "city",
    prompt: "City?",
    reask: null,
    required: false,
    choices: [],
  });
  const run = forms.createRun({ formId: form.id, userId: personId, questionId: question.id }, now);
  forms.saveAnswer(run.id, question.id, "Oslo", now);
  const audit = new AuditLog(db, () => now);
  audit.record({ actor: admin, action: "users.ban", before: { userId: personId, status: "active" } });
  audit.record({ actor: admin, action: "users.tag", after: { userIds: [otherId, personId], tag: "vip" } });
  audit.record({ actor: admin, action: "users.relay", after: { reply: { chatId: personId } } });
  audit.record({ actor: admin, action: "users.ban", before: { userId: otherId } });
  return { mailingId: mailing.id, campaignId: campaign.id };
}

/** Every table of the schema and, for each column, how many rows mention the id anywhere in it. */
function mentionsAnywhere(db: Db, id: number): Record<string, number> {
  const found: Record<string, number> = {};
  for (const table of Object.values(schema)) {
    if (!is(table, SQLiteTable)) continue;
    for (const column of getTableConfig(table).columns) {
      const row = db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM ${table} WHERE CAST(${sql.identifier(column.name)} AS TEXT) LIKE ${`%${id}%`}`,
      );
      if (row.n > 0) found[`${getTableName(table)}.${column.name}`] = row.n;
    }
  }
  return found;
}

/** `table.column` of every foreign key to users in the schema. */
function columnsPointingAtUsers(): string[] {
  const found: string[] = [];
  for (const table of Object.values(schema)) {
    if (!is(table, SQLiteTable)) continue;
    for (const key of getTableConfig(table).foreignKeys) {
      const reference = key.reference();
      if (reference.foreignTable !== users) continue;
      for (const column of reference.columns) found.push(`${getTableName(table)}.${column.name}`);
    }
  }
  return found;
}

describe("GDPR", () => {
  it("when a user's data is exported, then it holds every table's rows about them, as plain JSON", () => {
    const { db } = createTestDatabase();
    const { mailingId, campaignId } = seed(db);
    const data = exportUserData(db, personId, now);
    expect(data).toBeDefined();
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data).toMatchObject({
      exportedAt: now.toISOString(),
      user: {
        id: personId,
        firstName: "Ann",
        lastName: "Lee",
        email: "ann@example.com",
        phone: "+4915100000001",
        status: "active",
        messageCount: 7,
        lastMessageText: "hello there",
        pausedUntil: now.toISOString(),
        registeredAt: now.toISOString(),
      },
      tags: [
        { tag: "news", addedAt: now.toISOString() },
        { tag: "vip", addedAt: now.toISOString() },
      ],
      topics: [{ topic: "News", source: "form", since: now.toISOString() }],
      attributes: [{ key: "city", value: "Oslo", updatedAt: now.toISOString() }],
      notes: [{ text: "Called back", authorId: adminId, createdAt: now.toISOString() }],
      referrer: { id: parentId, name: "Paula" },
      referrals: childIds.map((id) => ({ id, name: `Kid${id}` })),
      campaign: { id: campaignId, code: "spring", name: "Spring" },
      deliveries: [
        {
          mailingId,
          state: "failed",
          attempts: 1,
          errorKind: "blocked",
          errorDescription: null,
          updatedAt: now.toISOString(),
        },
      ],
      pollAnswers: [{ mailingId, option: 2, answeredAt: now.toISOString() }],
      sequencePollAnswers: [{ stepId: 1, option: 1, answeredAt: now.toISOString() }],
      relayedMessages: [{ adminChatId: adminId, adminMessageId: 42, createdAt: now.toISOString() }],
      linkClicks: [{ url: "https://example.com/a", at: now.toISOString() }],
      groups: [{ chatId: -100500, title: "Fans", isMember: true, seenAt: now.toISOString() }],
      captcha: { question: "Tap the 🐱", failures: 1, expiresAt: now.toISOString(), cooldownUntil: null },
      conversations: [
        { storage: "conversation", state: { step: 1 } },
        { storage: "profile-form", state: { answers: ["Ann"] } },
      ],
      sequences: [
        {
          sequenceId: 1,
          sequenceName: "Drip",
          status: "active",
          nextStep: 1,
          dueAt: now.toISOString(),
          source: "api",
          subscribedAt: now.toISOString(),
          stoppedAt: null,
          stopReason: null,
        },
      ],
    });
    expect(data?.audit.map((e) => e.action)).toEqual(["users.ban", "users.tag", "users.relay"]);
    // The captcha's answer stays secret even here.
    expect(JSON.stringify(data)).not.toContain("n1");
  });

  it("when a user does not exist, then there is nothing to export or delete", () => {
    const { db } = createTestDatabase();
    expect(exportUserData(db, 1)).toBeUndefined();
    expect(deleteUserData(gdpr(db), admin, 1)).toBe(false);
    expect(db.select().from(auditLog).all()).toEqual([]);
  });

  it("when a user is deleted, then no table mentions them, their children stay and the parent's count stays", () => {
    const { db } = createTestDatabase();
    seed(db);
    // The seed covers every column that points at users, so a new such table fails here until it is seeded.
    const seeded = Object.keys(mentionsAnywhere(db, personId));
    expect(seeded).toEqual(expect.arrayContaining(columnsPointingAtUsers()));
    expect(seeded).toEqual(
      expect.arrayContaining(["audit_log.before", "audit_log.after", "conversation_states.key"]),
    );
    const parentCount = db.select().from(users).where(eq(users.id, parentId)).get()?.referralCount;
    expect(parentCount).toBe(1);

    expect(deleteUserData(gdpr(db), admin, personId)).toBe(true);

    expect(mentionsAnywhere(db, personId)).toEqual({});
    expect(db.select().from(users).where(eq(users.id, parentId)).get()?.referralCount).toBe(parentCount);
    for (const id of childIds)
      expect(db.select().from(users).where(eq(users.id, id)).get()).toMatchObject({ id, referrerId: null });
    // Other people's rows are untouched.
    expect(
      db
        .select()
        .from(deliveries)
        .all()
        .map((d) => d.userId),
    ).toEqual([otherId]);
    const entries = db.select().from(auditLog).orderBy(auditLog.id).all();
    expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
      ["users.ban", { userId: null, status: "active" }, null],
      ["users.tag", null, { userIds: [otherId], tag: "vip" }],
      ["users.relay", null, { reply: { chatId: null } }],
      ["users.ban", { userId: otherId }, null],
      ["users.delete", null, { deleted: 1 }],
    ]);
    expect(entries.at(-1)).toMatchObject({ actorId: adminId, at: now });
  });

  it("when an imported contact is deleted, then it goes like anyone else, and chats whose ids merely end alike stay", () => {
    const { db } = createTestDatabase();
    const ms = now.getTime();
    db.$client
      .prepare(
        "INSERT INTO users (id, phone, first_seen_at, last_seen_at, referral_code) VALUES (?, ?, ?, ?, ?)",
      )
      .run(-1, "+4915100000009", ms, ms, "code1");
    const state = (key: string) => ({ key, value: "{}", updatedAt: now });
    db.insert(conversationStates)
      .values([state("conversation:-1"), state("conversation:1"), state("profile-form:-11")])
      .run();
    expect(deleteUserData(gdpr(db), admin, -1)).toBe(true);
    expect(db.select().from(users).all()).toEqual([]);
    expect(db.select({ key: conversationStates.key }).from(conversationStates).all()).toEqual([
      { key: "conversation:1" },
      { key: "profile-form:-11" },
    ]);
  });

  it("when the user is a stored admin, then deletion is refused and nothing changes", () => {
    const { db } = createTestDatabase();
    seed(db);
    db.insert(admins).values({ userId: personId, addedBy: adminId, addedAt: now }).run();
    const before = mentionsAnywhere(db, personId);
    expect(() => deleteUserData(gdpr(db), admin, personId)).toThrow(UserDataError);
    expect(mentionsAnywhere(db, personId)).toEqual(before);
  });

  it("when the user is an owner (ADMIN_IDS, not stored as an added admin), then the verb itself refuses", () => {
    const { db } = createTestDatabase();
    seed(db);
    new UserRepository(db).touch({ id: ownerId, is_bot: false, first_name: "Owner" }, now);
    expect(() => deleteUserData(gdpr(db), admin, ownerId)).toThrow(UserDataError);
    expect(db.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).all()).toEqual([
      { id: ownerId },
    ]);
  });
});
