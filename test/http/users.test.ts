import { setImmediate as nextTurn } from "node:timers/promises";
import { asc } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  auditLog,
  imports,
  type UserRecord,
  userAttributes,
  userNotes,
  users,
  userTags,
} from "../../src/db/schema/index.js";
import { TakeoverRepository } from "../../src/features/users/takeover/takeover-repository.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { ownerId } from "../support/bot-harness.js";
import { type ApiHarness, apiToken, createApiHarness } from "../support/http-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";
import { testPostgresUrl } from "../support/test-database.js";
import { insertImportedContact } from "../support/user-factory.js";

let h: ApiHarness;
afterEach(() => {
  h?.close();
  surrogate = 0;
});

/** Every row an API call can touch, to show that a refused call changed nothing. */
function snapshot() {
  const { db } = h.services;
  return {
    users: db.select().from(users).orderBy(asc(users.id)).all(),
    tags: db.select().from(userTags).all(),
    attributes: db.select().from(userAttributes).all(),
    notes: db.select().from(userNotes).all(),
    audit: db.select().from(auditLog).all(),
  };
}

/** Bot users with these ids (registered, as the gate leaves them). */
const seed = (...ids: number[]) =>
  seedBotUsers(
    h,
    ids.map((id) => ({ id, first_name: `User${id}` })),
  );

let surrogate = 0;
/** An imported contact without a Telegram id (negative surrogate id), as a CSV import leaves it. */
function contact(fields: { email?: string; phone?: string; firstName?: string }): UserRecord {
  surrogate--;
  return insertImportedContact(h.services.db, { id: surrogate, ...fields }, h.clock.now());
}

const actionsOf = () =>
  h.services.audit
    .recent(100)
    .map((e) => e.action)
    .reverse();

describe("every users endpoint", () => {
  it("when called without a token or with a wrong one, then it answers 401 and the database is unchanged", async () => {
    h = createApiHarness();
    seed(101);
    const before = snapshot();
    const calls: Array<[string, string, unknown]> = [
      ["GET", "/api/users", undefined],
      ["GET", "/api/users.csv", undefined],
      ["POST", "/api/users/import", "telegram_id\n202\n"],
      ["PUT", "/api/users/upsert?where=telegram_id", { telegram_id: 303 }],
      ["GET", "/api/users/101", undefined],
      ["PATCH", "/api/users/101", { email: "x@example.com", tags: { add: ["vip"] } }],
      ["DELETE", "/api/users/101", undefined],
      ["GET", "/api/users/101/export", undefined],
      ["POST", "/api/users/101/notes", { text: "hello" }],
    ];
    for (const [method, path, body] of calls) {
      for (const token of [null, "test-api-token-wrong-one"]) {
        const headers: Record<string, string> =
          typeof body === "string" ? { "content-type": "text/csv" } : {};
        const answer = await h.call(method, path, { token, body, headers });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.json.error.code).toBe("unauthorized");
      }
    }
    expect(snapshot()).toEqual(before);
  });

  it("when the id in the path is not a whole number, then 400 names path.id", async () => {
    h = createApiHarness();
    for (const [method, path] of [
      ["GET", "/api/users/abc"],
      ["PATCH", "/api/users/1.5"],
      ["DELETE", "/api/users/x1"],
      ["GET", "/api/users/abc/export"],
      ["POST", "/api/users/abc/notes"],
    ] as const) {
      const answer = await h.call(method, path, { body: method === "GET" ? undefined : { text: "x" } });
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.json.error.details).toEqual([expect.objectContaining({ path: "path.id" })]);
    }
  });

  it("when the user does not exist, then 404 not_found and nothing changes", async () => {
    h = createApiHarness();
    const before = snapshot();
    for (const [method, path, body] of [
      ["GET", "/api/users/424242", undefined],
      ["PATCH", "/api/users/424242", { email: "a@example.com" }],
      ["DELETE", "/api/users/424242", undefined],
      ["GET", "/api/users/424242/export", undefined],
      ["POST", "/api/users/424242/notes", { text: "hello" }],
    ] as const) {
      const answer = await h.call(method, path, { body });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.json.error).toMatchObject({
        code: "not_found",
        message: expect.stringMatching(/424242/),
      });
    }
    expect(snapshot()).toEqual(before);
  });
});

describe("GET /api/users", () => {
  it("when a segment spans more than one page, then the pages follow next_cursor, in id order, until null", async () => {
    h = createApiHarness();
    seed(101, 102, 103, 104, 105, 106, 107);
    for (const id of [101, 103, 104, 106, 107]) h.services.users.addTag(id, "vip", h.clock.now());
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? "" : `&cursor=${cursor}`;
      const answer = await h.get(`/api/users?q=${encodeURIComponent("tag:vip")}&limit=2${query}`);
      expect(answer.status).toBe(200);
      expect(answer.json.total).toBe(5);
      seen.push(...answer.json.users.map((u: { id: number }) => u.id));
      cursor = answer.json.next_cursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([101, 103, 104, 106, 107]);
  });

  it("when no segment is given, then every user comes back as a summary with the default page size", async () => {
    h = createApiHarness({ settings: { general: { dearUserName: "Friend" } } });
    seed(101);
    contact({ email: "Eve@Example.com" });
    const answer = await h.get("/api/users");
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ total: 2, next_cursor: null });
    expect(answer.json.users).toEqual([
      expect.objectContaining({
        id: -1,
        telegram_id: null,
        display_name: "Friend",
        email: "Eve@Example.com",
      }),
      expect.objectContaining({ id: 101, telegram_id: 101, display_name: "User101", status: "active" }),
    ]);
  });

  it("when users have tags, then each row of the list carries them, sorted", async () => {
    h = createApiHarness();
    seed(101, 102);
    h.services.users.addTag(101, "vip", h.clock.now());
    h.services.users.addTag(101, "lead", h.clock.now());
    const answer = await h.get("/api/users");
    expect(answer.json.users.map((u: { id: number; tags: string[] }) => [u.id, u.tags])).toEqual([
      [101, ["lead", "vip"]],
      [102, []],
    ]);
  });

  it("when the segment is wrong, then 400 invalid_segment points at the bad token", async () => {
    h = createApiHarness();
    const answer = await h.get(`/api/users?q=${encodeURIComponent("tag:vip colour:red")}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("invalid_segment");
    expect(answer.json.error.message).toMatch(/colour.*at 8/);
    expect(answer.json.error.details).toEqual([expect.objectContaining({ path: "query.q" })]);
  });

  it("when the cursor is garbage or forged, or the limit out of range, then 400 names the parameter", async () => {
    h = createApiHarness();
    seed(101);
    const forged = Buffer.from("after:1e9").toString("base64url");
    for (const cursor of ["%%%", "bm90LWEtY3Vyc29y", forged]) {
      const answer = await h.get(`/api/users?cursor=${cursor}`);
      expect(answer.status, cursor).toBe(400);
      expect(answer.json.error).toMatchObject({
        code: "invalid_cursor",
        details: [{ path: "query.cursor" }],
      });
    }
    for (const limit of ["0", "501", "ten"]) {
      const answer = await h.get(`/api/users?limit=${limit}`);
      expect(answer.status, limit).toBe(400);
      expect(answer.json.error.details[0].path).toBe("query.limit");
    }
  });
});

describe("GET /api/users/{id}", () => {
  it("when the user has everything, then the card's contents come back in snake_case, with their local time (null without a time zone)", async () => {
    h = createApiHarness({ settings: { general: { dearUserName: "Friend" } } });
    seed(101, 202);
    const { users: repo, db } = h.services;
    const now = h.clock.now();
    repo.setNames(202, null, null, now);
    repo.setEmail(202, "ann@example.com");
    repo.setPhone(202, "+60 12 345 6789");
    repo.setTimezone(202, "Asia/Kuala_Lumpur");
    repo.addTag(202, "vip", now);
    repo.addTag(202, "beta", now);
    repo.setAttribute(202, "city", "Ipoh", now);
    repo.addNote(202, ownerId, "Called her", now);
    repo.setInfiniteSession(202, true);
    repo.markDead(202, "blocked", now);
    new TakeoverRepository(db).pauseUser(202, "until resumed", now);
    const answer = await h.get("/api/users/202");
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      id: 202,
      telegram_id: 202,
      first_name: null,
      display_name: "Friend",
      email: "ann@example.com",
      phone: "+60123456789",
      timezone: "Asia/Kuala_Lumpur",
      status: "active",
      dead: true,
      dead_reason: "blocked",
      created_at: now.toISOString(),
      registered_at: now.toISOString(),
      referrer_id: null,
      referral_count: 0,
      campaign: null,
      tags: ["beta", "vip"],
      attributes: { city: "Ipoh" },
      notes: [{ id: expect.any(Number), author_id: ownerId, text: "Called her", at: now.toISOString() }],
      activity: { sessions: 0, messages: 0, average_sentiment: null, last_message: null },
      pause: { paused: true, paused_until: null, until_resumed: true },
      infinite_session: true,
      local_time: "2026-06-01T20:00:00+08:00",
    });
    expect((await h.get("/api/users/101")).json.local_time).toBeNull();
  });
});

describe("PATCH /api/users/{id}", () => {
  it("when profile fields, tags, attributes and status change, then all are stored and each change audited with the id only", async () => {
    h = createApiHarness();
    seed(101);
    const { users: repo } = h.services;
    repo.addTag(101, "old", h.clock.now());
    repo.setAttribute(101, "plan", "free", h.clock.now());
    const answer = await h.patch("/api/users/101", {
      body: {
        first_name: " Ann ",
        last_name: null,
        email: " Ann@Example.com ",
        phone: "0060 12-345 6789",
        timezone: "Europe/Berlin",
        gender: "female",
        tags: { add: ["VIP", "new"], remove: ["old"] },
        attributes: { set: { city: "Ipoh", plan: "free" }, unset: ["nope"] },
        status: "banned",
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ first_name: "Ann", email: "Ann@Example.com", status: "banned" });
    expect(repo.find(101)).toMatchObject({
      firstName: "Ann",
      lastName: null,
      email: "Ann@Example.com",
      phone: "+60123456789",
      timezone: "Europe/Berlin",
      gender: "female",
      status: "banned",
    });
    expect(repo.tagsOf(101).sort()).toEqual(["new", "vip"]);
    expect(repo.attributesOf(101).map((a) => [a.key, a.value])).toEqual([
      ["city", "Ipoh"],
      ["plan", "free"],
    ]);
    expect(actionsOf()).toEqual([
      "users.setNames",
      "users.setEmail",
      "users.setPhone",
      "users.setTimezone",
      "users.setGender",
      "users.removeTag",
      "users.addTag",
      "users.addTag",
      "users.setAttribute",
      "users.ban",
    ]);
    for (const entry of h.services.audit.recent(100)) {
      expect(entry).toMatchObject({ actorId: null, actorLabel: "api", after: { userId: 101 }, before: null });
    }

    const unban = await h.patch("/api/users/101", { body: { status: "active", email: null } });
    expect(unban.json).toMatchObject({ status: "active", email: null });
    expect(repo.find(101)).toMatchObject({ status: "active", email: null });
  });

  it("when an admin sets a user's language, then it is kept as its primary language, audited, spoken by the bot, and null gives Telegram's back", async () => {
    h = createApiHarness();
    const ivan = h.addUser({ first_name: "Ivan", language_code: "en" });
    await h.start(ivan);
    const set = await h.patch(`/api/users/${ivan.id}`, { body: { chosen_language: "ru-RU" } });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ language: "en", chosen_language: "ru" });
    expect(h.record(ivan)?.language).toBe("ru");
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "users.language",
      after: { userId: ivan.id, language: "ru" },
    });
    await h.say(ivan, "/language");
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe(textsIn("bot", "ru").language.prompt);
    // Any language may be set: a mailing's lang:pt variant reaches them; the bot speaks English.
    expect(
      (await h.patch(`/api/users/${ivan.id}`, { body: { chosen_language: "pt-BR" } })).json.chosen_language,
    ).toBe("pt");
    const reset = await h.patch(`/api/users/${ivan.id}`, { body: { chosen_language: null } });
    expect(reset.json.chosen_language).toBeNull();
    const bad = await h.patch(`/api/users/${ivan.id}`, {
      body: { chosen_language: "not a language!", email: "a@b.co" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("body.chosen_language");
    expect(h.record(ivan)).toMatchObject({ language: null, email: null });
  });

  it("when one value is invalid, then 400 names it and nothing at all changes", async () => {
    h = createApiHarness();
    seed(101);
    const before = snapshot();
    const cases: Array<[unknown, string]> = [
      [{ tags: { add: ["ok"] }, email: "not-an-email" }, "body.email"],
      [{ phone: "12" }, "body.phone"],
      [{ timezone: "Mars/Olympus" }, "body.timezone"],
      [{ first_name: "x".repeat(65) }, "body.first_name"],
      [{ tags: { add: ["fine", "no spaces"] } }, "body.tags.add.1"],
      [{ attributes: { set: { "Bad-Key": "x" } } }, "body.attributes.set.Bad-Key"],
      [{ attributes: { set: { big: "x".repeat(1025) } } }, "body.attributes.set.big"],
      [{ status: "pending" }, "body.status"],
      [{ colour: "red" }, "body"],
      [{ tags: ["vip"] }, "body.tags"],
    ];
    for (const [body, path] of cases) {
      const answer = await h.patch("/api/users/101", { body });
      expect(answer.status, path).toBe(400);
      expect(answer.json.error.code).toBe("invalid_request");
      expect(answer.json.error.details[0].path, JSON.stringify(body)).toBe(path);
    }
    expect(snapshot()).toEqual(before);
  });

  it("when the values equal the stored ones, then nothing is audited", async () => {
    h = createApiHarness();
    seed(101);
    h.services.users.setEmail(101, "a@example.com");
    const answer = await h.patch("/api/users/101", { body: { email: "a@example.com", status: "active" } });
    expect(answer.status).toBe(200);
    expect(h.services.audit.count()).toBe(0);
  });
});

describe("PUT /api/users/upsert", () => {
  it("when no user has the email, then a contact with a negative id is created (201); sent again it is unchanged, changed it is updated", async () => {
    h = createApiHarness();
    const body = {
      email: "eve@example.com",
      first_name: "Eve",
      tags: ["lead"],
      attributes: { source: "web" },
    };
    const created = await h.put("/api/users/upsert?where=email", { body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      outcome: "created",
      user: { id: -1, telegram_id: null, first_name: "Eve", status: "pending", tags: ["lead"] },
    });
    expect(h.services.users.find(-1)).toMatchObject({ email: "eve@example.com", firstName: "Eve" });
    expect(h.services.users.attributesOf(-1)).toEqual([
      expect.objectContaining({ key: "source", value: "web" }),
    ]);
    expect(actionsOf()).toEqual(["users.create"]);

    const again = await h.put("/api/users/upsert?where=email", { body });
    expect(again.status).toBe(200);
    expect(again.json.outcome).toBe("unchanged");
    const otherCase = await h.put("/api/users/upsert?where=email", { body: { email: "EVE@Example.com" } });
    expect(otherCase.json).toMatchObject({ outcome: "updated", user: { id: -1, email: "EVE@Example.com" } });

    const changed = await h.put("/api/users/upsert?where=email", {
      body: { email: "EVE@Example.com", last_name: "Moss", tags: ["client"] },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.outcome).toBe("updated");
    expect(h.services.users.find(-1)).toMatchObject({ firstName: "Eve", lastName: "Moss" });
    expect(h.services.users.tagsOf(-1).sort()).toEqual(["client", "lead"]);
    expect(h.services.db.select().from(users).all()).toHaveLength(1);
    expect(actionsOf()).toEqual(["users.create", "users.setEmail", "users.setNames", "users.addTag"]);
  });

  it("when where=telegram_id names an unknown id, then a pending user with that id is created; a known one is updated", async () => {
    h = createApiHarness();
    seed(101);
    const created = await h.put("/api/users/upsert?where=telegram_id", {
      body: { telegram_id: 5555, phone: "+60123456789" },
    });
    expect(created.status).toBe(201);
    expect(h.services.users.find(5555)).toMatchObject({ status: "pending", phone: "+60123456789" });
    const updated = await h.put("/api/users/upsert?where=telegram_id", {
      body: { telegram_id: 101, gender: "male" },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      outcome: "updated",
      user: { id: 101, gender: "male", status: "active" },
    });
  });

  it("when the email finds an imported contact and telegram_id a known Telegram user, then the contact is merged in and deleted", async () => {
    h = createApiHarness();
    seed(101);
    const imported = contact({ email: "ann@example.com", phone: "+60111111111", firstName: "Ann" });
    h.services.users.addTag(imported.id, "imported", h.clock.now());
    h.services.users.addNote(imported.id, null, "From the fair", h.clock.now());
    const answer = await h.put("/api/users/upsert?where=email", {
      body: { telegram_id: 101, email: "ann@example.com", timezone: "Asia/Tokyo" },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe("merged");
    expect(h.services.users.find(imported.id)).toBeUndefined();
    expect(h.services.users.find(101)).toMatchObject({
      firstName: "User101",
      email: "ann@example.com",
      phone: "+60111111111",
      timezone: "Asia/Tokyo",
    });
    expect(h.services.users.tagsOf(101)).toEqual(["imported"]);
    expect(h.services.users.notesOf(101).map((n) => n.text)).toEqual(["From the fair"]);
    expect(actionsOf().slice(-2)).toEqual(["users.merge", "users.setTimezone"]);
  });

  it("when the upsert is by telegram_id and its phone and email find imported contacts, then both are merged in", async () => {
    h = createApiHarness();
    seed(101, 202);
    const byPhone = contact({ phone: "+60111111111", firstName: "Ann" });
    const byEmail = contact({ email: "ann@example.com" });
    h.services.users.addTag(byEmail.id, "newsletter", h.clock.now());
    const answer = await h.put("/api/users/upsert?where=telegram_id", {
      body: { telegram_id: 101, phone: "+60 11-111 1111", email: "ann@example.com" },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe("merged");
    expect(h.services.users.find(byPhone.id)).toBeUndefined();
    expect(h.services.users.find(byEmail.id)).toBeUndefined();
    expect(h.services.users.tagsOf(101)).toEqual(["newsletter"]);

    h.services.users.setPhone(202, "+60222222222");
    const before = snapshot();
    const clash = await h.put("/api/users/upsert?where=telegram_id", {
      body: { telegram_id: 101, phone: "+60222222222" },
    });
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe("conflict");
    expect(snapshot()).toEqual(before);
  });

  it("when two users have the key, or it belongs to another Telegram user, then 409 and nothing changes", async () => {
    h = createApiHarness();
    seed(101, 202);
    h.services.users.setEmail(202, "bob@example.com");
    contact({ email: "twin@example.com" });
    contact({ email: "Twin@example.com" });
    const before = snapshot();
    const ambiguous = await h.put("/api/users/upsert?where=email", { body: { email: "twin@example.com" } });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.json.error.code).toBe("ambiguous");
    const merging = await h.put("/api/users/upsert?where=email", {
      body: { email: "twin@example.com", telegram_id: 101 },
    });
    expect(merging.status).toBe(409);
    const conflict = await h.put("/api/users/upsert?where=email", {
      body: { email: "bob@example.com", telegram_id: 101 },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error).toMatchObject({ code: "conflict", message: expect.stringMatching(/202/) });
    expect(snapshot()).toEqual(before);
  });

  it("when where=attribute:<key> finds no user, then one is created; sent again it finds them by the attribute", async () => {
    h = createApiHarness();
    seed(101);
    h.services.users.setAttribute(101, "crm_id", "A-2", h.clock.now());
    const created = await h.put("/api/users/upsert?where=attribute:crm_id", {
      body: { first_name: "Eve", attributes: { crm_id: "A-1", plan: "pro" } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ outcome: "created", user: { id: -1, first_name: "Eve" } });
    const updated = await h.put("/api/users/upsert?where=attribute:crm_id", {
      body: { last_name: "Moss", attributes: { crm_id: "A-1" } },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      outcome: "updated",
      user: { id: -1, first_name: "Eve", last_name: "Moss" },
    });
    const telegramUser = await h.put("/api/users/upsert?where=attribute:crm_id", {
      body: { tags: ["vip"], attributes: { crm_id: "A-2" } },
    });
    expect(telegramUser.json).toMatchObject({ outcome: "updated", user: { id: 101, tags: ["vip"] } });
    // Exact values only: another spelling is another customer.
    const other = await h.put("/api/users/upsert?where=attribute:crm_id", {
      body: { attributes: { crm_id: "a-1" } },
    });
    expect(other.json).toMatchObject({ outcome: "created", user: { id: -2 } });
    expect(h.services.db.select().from(users).all()).toHaveLength(3);
  });

  it("when two users hold the attribute's value, or it is another Telegram user's, then 409 and nothing changes", async () => {
    h = createApiHarness();
    seed(101, 202);
    h.services.users.setAttribute(101, "crm_id", "TWIN", h.clock.now());
    h.services.users.setAttribute(202, "crm_id", "TWIN", h.clock.now());
    h.services.users.setAttribute(202, "crm_id_old", "B-7", h.clock.now());
    const before = snapshot();
    const ambiguous = await h.put("/api/users/upsert?where=attribute:crm_id", {
      body: { first_name: "Twin", attributes: { crm_id: "TWIN" } },
    });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.json.error).toMatchObject({
      code: "ambiguous",
      message: "More than one user has this attribute:crm_id: 101, 202; change or delete one first",
    });
    const conflict = await h.put("/api/users/upsert?where=attribute:crm_id_old", {
      body: { telegram_id: 101, attributes: { crm_id_old: "B-7" } },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error).toMatchObject({ code: "conflict", message: expect.stringMatching(/202/) });
    expect(snapshot()).toEqual(before);
  });

  it("when telegram_id is sent and the attribute finds an imported contact, then the contact is merged into that Telegram user", async () => {
    h = createApiHarness();
    seed(101);
    const imported = contact({ firstName: "Ann" });
    h.services.users.setAttribute(imported.id, "crm_id", "C-3", h.clock.now());
    h.services.users.addTag(imported.id, "fair", h.clock.now());
    const answer = await h.put("/api/users/upsert?where=attribute:crm_id", {
      body: { telegram_id: 101, attributes: { crm_id: "C-3" } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe("merged");
    expect(h.services.users.find(imported.id)).toBeUndefined();
    expect(h.services.users.tagsOf(101)).toEqual(["fair"]);
  });

  it("when where=attribute:<key> and the body has no value for it, or the key is malformed, then 400 names the field", async () => {
    h = createApiHarness();
    const missing = await h.put("/api/users/upsert?where=attribute:crm_id", {
      body: { first_name: "Eve", attributes: { plan: "pro" } },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details[0]).toMatchObject({
      path: "body.attributes.crm_id",
      message: "required when where=attribute:crm_id",
    });
    const malformed = await h.put("/api/users/upsert?where=attribute:CRM-id", {
      body: { attributes: { crm_id: "A-1" } },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details[0].path).toBe("query.where");
    expect(h.services.db.select().from(users).all()).toEqual([]);
  });

  it("when a Telegram user typed a phone or email themselves, then an upsert by it does not land on them, and another telegram_id with it is no conflict", async () => {
    h = createApiHarness();
    seed(101, 202);
    h.services.users.setPhone(101, "+60123456789", "self_reported");
    h.services.users.setEmail(101, "vic@example.com", "self_reported");
    const byPhone = await h.put("/api/users/upsert?where=phone", {
      body: { phone: "+60123456789", first_name: "Vic", tags: ["vip"] },
    });
    expect(byPhone.status).toBe(201);
    expect(byPhone.json).toMatchObject({
      outcome: "created",
      user: { id: -1, phone: "+60123456789", tags: ["vip"] },
    });
    const byEmail = await h.put("/api/users/upsert?where=email", {
      body: { email: "VIC@example.com", attributes: { plan: "gold" } },
    });
    expect(byEmail.json).toMatchObject({ outcome: "created", user: { id: -2 } });
    expect(h.services.users.tagsOf(101)).toEqual([]);
    expect(h.services.users.attributesOf(101)).toEqual([]);
    const mallory = await h.get("/api/users/101");
    expect(mallory.json).toMatchObject({
      first_name: "User101",
      phone: "+60123456789",
      phone_source: "self_reported",
      email: "vic@example.com",
      email_source: "self_reported",
    });

    // The victim's own upsert goes through and takes both imported records.
    const victim = await h.put("/api/users/upsert?where=telegram_id", {
      body: { telegram_id: 202, phone: "+60123456789", email: "vic@example.com" },
    });
    expect(victim.status).toBe(200);
    expect(victim.json).toMatchObject({
      outcome: "merged",
      user: {
        id: 202,
        phone_source: "owner",
        email_source: "owner",
        tags: ["vip"],
        attributes: { plan: "gold" },
      },
    });
    expect(h.services.users.find(-1)).toBeUndefined();
    expect(h.services.users.find(-2)).toBeUndefined();
  });

  it("when the API sets the phone a user typed, then it is the owner's from then on (audited) and an upsert by it finds them", async () => {
    h = createApiHarness();
    seed(101);
    h.services.users.setPhone(101, "+60123456789", "self_reported");
    const confirmed = await h.patch("/api/users/101", { body: { phone: "+60 12 345 6789" } });
    expect(confirmed.json).toMatchObject({ phone: "+60123456789", phone_source: "owner" });
    expect(actionsOf()).toEqual(["users.setPhone"]);
    const again = await h.patch("/api/users/101", { body: { phone: "+60123456789" } });
    expect(again.status).toBe(200);
    expect(actionsOf()).toEqual(["users.setPhone"]);

    const found = await h.put("/api/users/upsert?where=phone", {
      body: { phone: "+60123456789", tags: ["vip"] },
    });
    expect(found.json).toMatchObject({ outcome: "updated", user: { id: 101, tags: ["vip"] } });
  });

  it("when the where key is missing or invalid, then 400 names the field", async () => {
    h = createApiHarness();
    const cases: Array<[string, unknown, string]> = [
      ["email", { first_name: "Eve" }, "body.email"],
      ["phone", { phone: null }, "body.phone"],
      ["telegram_id", { email: "eve@example.com" }, "body.telegram_id"],
      ["telegram_id", { telegram_id: -5 }, "body.telegram_id"],
      ["phone", { phone: "call me" }, "body.phone"],
      ["name", { email: "eve@example.com" }, "query.where"],
    ];
    for (const [where, body, path] of cases) {
      const answer = await h.put(`/api/users/upsert?where=${where}`, { body });
      expect(answer.status, path).toBe(400);
      expect(answer.json.error.details[0].path).toBe(path);
    }
    expect(h.services.db.select().from(users).all()).toEqual([]);
  });
});

describe("DELETE /api/users/{id}", () => {
  it("when a user is deleted, then they and their data are gone, and the audit keeps no trace of them", async () => {
    h = createApiHarness();
    seed(101);
    h.services.users.addTag(101, "vip", h.clock.now());
    await h.post("/api/users/101/notes", { body: { text: "Private" } });
    const answer = await h.delete("/api/users/101");
    expect(answer.status).toBe(204);
    expect(answer.text).toBe("");
    expect(h.services.users.find(101)).toBeUndefined();
    expect(h.services.db.select().from(userTags).all()).toEqual([]);
    expect(h.services.db.select().from(userNotes).all()).toEqual([]);
    expect(h.services.audit.recent(1)[0]).toMatchObject({ action: "users.delete", actorLabel: "api" });
    expect(JSON.stringify(h.services.audit.recent(10))).not.toMatch(/101/);
    expect((await h.get("/api/users/101")).status).toBe(404);
  });

  it("when the user is an admin, then 409 is_admin and nothing is deleted", async () => {
    h = createApiHarness();
    h.services.users.touch({ id: ownerId, is_bot: false, first_name: "Owner" }, h.clock.now());
    const answer = await h.delete(`/api/users/${ownerId}`);
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe("is_admin");
    expect(h.services.users.find(ownerId)).toBeDefined();
  });
});

describe("GET /api/users/{id}/export", () => {
  it("when a user's data is exported, then it is a JSON attachment with everything stored about them, audited", async () => {
    h = createApiHarness();
    seed(101);
    h.services.users.addTag(101, "vip", h.clock.now());
    h.services.users.setAttribute(101, "city", "Ipoh", h.clock.now());
    await h.post("/api/users/101/notes", { body: { text: "Likes tea" } });
    const answer = await h.get("/api/users/101/export");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="user-101.json"');
    expect(answer.json).toMatchObject({
      user: { id: 101, firstName: "User101", status: "active" },
      tags: [{ tag: "vip" }],
      attributes: [{ key: "city", value: "Ipoh" }],
      notes: [{ text: "Likes tea", authorId: null }],
      audit: [{ action: "users.addNote" }],
    });
    expect(actionsOf().at(-1)).toBe("users.export");
  });
});

describe("POST /api/users/{id}/notes", () => {
  it("when a note is added, then it is stored without an author, audited, and answered with 201", async () => {
    h = createApiHarness();
    seed(101);
    const answer = await h.post("/api/users/101/notes", { body: { text: "  Called back  " } });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      id: expect.any(Number),
      author_id: null,
      text: "Called back",
      at: h.clock.now().toISOString(),
    });
    expect(h.services.users.notesOf(101)).toEqual([
      expect.objectContaining({ authorId: null, text: "Called back" }),
    ]);
    expect(h.services.audit.recent(1)[0]).toMatchObject({ action: "users.addNote", after: { userId: 101 } });
  });

  it("when the text is empty, missing or too long, then 400 names body.text and nothing is stored", async () => {
    h = createApiHarness();
    seed(101);
    for (const body of [{ text: "   " }, {}, { text: "x".repeat(4097) }, { text: 5 }]) {
      const answer = await h.post("/api/users/101/notes", { body });
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(answer.json.error.details[0].path).toBe("body.text");
    }
    expect(h.services.users.notesOf(101)).toEqual([]);
  });
});

describe("CSV export and import", () => {
  it("when a segment is exported, then the CSV streams only its users, and importing it into an empty bot brings them back", async () => {
    h = createApiHarness();
    seed(101, 102, 103);
    const now = h.clock.now();
    for (const id of [101, 103]) h.services.users.addTag(id, "vip", now);
    h.services.users.setAttribute(103, "city", "Ipoh", now);
    h.services.users.setEmail(103, "c@example.com");

    const response = await h.app.request(`/api/users.csv?q=${encodeURIComponent("tag:vip")}`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="users-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const csv = await response.text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toMatch(/^telegram_id,first_name,/);
    expect(lines[0]).toMatch(/,city$/);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["101", "103"]);
    expect(h.services.audit.recent(1)[0]).toMatchObject({ action: "users.export", after: { count: 2 } });
    h.close();

    h = createApiHarness();
    const imported = await h.post("/api/users/import", {
      body: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ applied: true, rows: 2, created: 2, skipped: [], delimiter: "," });
    expect(imported.json.columns).toContainEqual({
      header: "telegram_id",
      role: "field",
      field: "telegram_id",
    });
    expect(imported.json.columns).toContainEqual({ header: "city", role: "attribute", key: "city" });
    expect(h.services.users.find(103)).toMatchObject({ email: "c@example.com", firstName: "User103" });
    expect(h.services.users.tagsOf(103)).toEqual(["vip"]);
    expect(h.services.users.attributesOf(103)).toEqual([
      expect.objectContaining({ key: "city", value: "Ipoh" }),
    ]);
    expect(h.services.users.find(102)).toBeUndefined();
    expect(h.services.audit.recent(1)[0]).toMatchObject({ action: "users.import", actorLabel: "api" });
  });

  it("when a large export is read, then it streams: the database is read batch by batch while the client reads", async () => {
    h = createApiHarness();
    const insert = h.services.db.$client.prepare(
      "INSERT INTO users (id, first_seen_at, last_seen_at, referral_code) VALUES (?, 0, 0, ?)",
    );
    h.services.db.$client.transaction(() => {
      for (let id = 1; id <= 3000; id++) insert.run(id, `code${id}`);
    })();
    const response = await h.app.request("/api/users.csv", {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let csv = decoder.decode((await reader.read()).value, { stream: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A file built before it was sent could not hold a user stored after its first bytes left.
    insert.run(99_999_999, "late");
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      csv += decoder.decode(chunk.value, { stream: true });
    const ids = csv
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    expect(ids).toHaveLength(3001);
    expect(ids.at(-1)).toBe("99999999");
  });

  it("when the export's segment is wrong, then 400 invalid_segment", async () => {
    h = createApiHarness();
    const answer = await h.get("/api/users.csv?q=tag%3A");
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("invalid_segment");
  });

  const withErrors = "telegram_id,email,tags\n201,a@example.com,vip\nnope,b@example.com,\n203,,new\n";

  it("when an import is a dry run, then the report says what would happen and nothing changes", async () => {
    h = createApiHarness();
    const before = snapshot();
    const answer = await h.post("/api/users/import?dry_run=true", {
      body: withErrors,
      headers: { "content-type": "text/csv; charset=utf-8" },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ applied: false, rows: 3, created: 2, file_problems: [] });
    expect(answer.json.skipped).toEqual([
      {
        line: 3,
        reasons: [
          expect.objectContaining({
            code: "invalid",
            field: "telegram_id",
            column: "telegram_id",
            value: "nope",
          }),
        ],
      },
    ]);
    expect(answer.json.skipped[0].reasons[0].message).toMatch(/nope/);
    expect(snapshot()).toEqual(before);
  });

  it("when rows are wrong and valid_rows_only is not set, then 422 with the report and nothing is imported; with it the good rows are", async () => {
    h = createApiHarness();
    const before = snapshot();
    const headers = { "content-type": "application/octet-stream" };
    const refused = await h.post("/api/users/import", {
      body: new TextEncoder().encode(withErrors),
      headers,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("invalid_rows");
    expect(refused.json.report).toMatchObject({ applied: false, created: 2, skipped: [{ line: 3 }] });
    expect(snapshot()).toEqual(before);

    const partial = await h.post("/api/users/import?valid_rows_only=true", { body: withErrors, headers });
    expect(partial.status).toBe(200);
    expect(partial.json).toMatchObject({ applied: true, created: 2, skipped: [{ line: 3 }] });
    expect(h.services.users.find(201)).toMatchObject({ email: "a@example.com" });
    expect(h.services.users.tagsOf(203)).toEqual(["new"]);
  });

  it("when the file cannot be read or is not CSV, then 422 invalid_file or 415, and bad flags 400", async () => {
    h = createApiHarness();
    const noKey = await h.post("/api/users/import", {
      body: "first_name,!!!\nAnn,x\n",
      headers: { "content-type": "text/csv" },
    });
    expect(noKey.status).toBe(422);
    expect(noKey.json.error.code).toBe("invalid_file");
    expect(noKey.json.report.file_problems.map((p: { code: string }) => p.code).sort()).toEqual([
      "bad_attribute_name",
      "no_key_column",
    ]);
    const json = await h.post("/api/users/import", { body: { rows: [] } });
    expect(json.status).toBe(415);
    expect(json.json.error.code).toBe("unsupported_media_type");
    const flag = await h.post("/api/users/import?dry_run=yes", {
      body: "telegram_id\n1\n",
      headers: { "content-type": "text/csv" },
    });
    expect(flag.status).toBe(400);
    expect(flag.json.error.details[0].path).toBe("query.dry_run");
    expect(h.services.db.select().from(users).all()).toEqual([]);
  });

  it("when a large file is being imported, then /healthz is answered while the import still reads it", async () => {
    h = createApiHarness();
    // Fewer on PostgreSQL, where looking a row's keys up takes ~100 times longer.
    const rows = testPostgresUrl === undefined ? 20_000 : 5_000;
    const lines = ["telegram_id,first_name,email,tags,city"];
    for (let i = 1; i <= rows; i++) lines.push(`${6_000_000 + i},First${i},u${i}@example.com,vip,C${i}`);
    let importing = true;
    const healthDuringImport: number[] = [];
    const probe = setInterval(async () => {
      const answer = await h.get("/healthz", { token: null });
      if (importing) healthDuringImport.push(answer.status);
    }, 1);
    try {
      const imported = await h.post("/api/users/import?dry_run=true", {
        body: lines.join("\n"),
        headers: { "content-type": "text/csv" },
      });
      importing = false;
      expect(imported.json).toMatchObject({ applied: false, rows, created: rows, skipped: [] });
    } finally {
      clearInterval(probe);
    }
    expect(healthDuringImport.length).toBeGreaterThanOrEqual(3);
    expect(new Set(healthDuringImport)).toEqual(new Set([200]));
  });

  it("when an import is being applied, then a second one answers 409 import_in_progress and changes nothing; the first one answers its report", async () => {
    h = createApiHarness();
    // Rows for dozens of slices: a row on PostgreSQL takes round trips ~100 times SQLite's.
    const rows = testPostgresUrl === undefined ? 10_000 : 1_000;
    const lines = ["telegram_id,first_name"];
    for (let i = 1; i <= rows; i++) lines.push(`${6_000_000 + i},First${i}`);
    const csv = { headers: { "content-type": "text/csv" } };
    const first = h.post("/api/users/import", { ...csv, body: lines.join("\n") });
    const { db } = h.services;
    while (
      !db
        .select()
        .from(imports)
        .all()
        .some((i) => i.status === "applying" && i.nextRow > 0)
    )
      await nextTurn();

    const second = await h.post("/api/users/import", { ...csv, body: "telegram_id,first_name\n42,Ann\n" });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("import_in_progress");
    const answer = await first;
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ applied: true, rows, created: rows, skipped: [] });
    expect(db.select().from(users).all()).toHaveLength(rows);
    expect(actionsOf()).toEqual(["users.import"]);
  });

  it("when an import was left unfinished by a stopped process, then another answers 503 import_interrupted until it is finished", async () => {
    h = createApiHarness();
    const { db } = h.services;
    db.insert(imports)
      .values({
        status: "applying",
        owner: "a process that was killed",
        pid: 1,
        host: "another host",
        heartbeatAt: new Date(Date.now() - 60_000),
        validRowsOnly: false,
        actor: JSON.stringify({ kind: "system", label: "api" }),
        startedAt: h.clock.now(),
      })
      .run();
    const refused = await h.post("/api/users/import", {
      body: "telegram_id,first_name\n42,Ann\n",
      headers: { "content-type": "text/csv" },
    });
    expect(refused.status).toBe(503);
    expect(refused.json.error.code).toBe("import_interrupted");
    expect(db.select().from(users).all()).toEqual([]);
  });
});

describe("POST /api/users/{id}/pause and /resume", () => {
  const minute = 60_000;
  const quiet = () => createApiHarness({ settings: { newUserAlerts: { enabled: false } } });

  it("when called without a token or with a wrong one, then 401 and nobody is paused or resumed", async () => {
    h = quiet();
    seed(101, 102);
    h.services.takeover.pauseUser(102, "until resumed", h.clock.now());
    const before = snapshot();
    for (const token of [null, "test-api-token-wrong-one"]) {
      for (const [path, body] of [
        ["/api/users/101/pause", { minutes: 5 }],
        ["/api/users/102/resume", undefined],
      ] as const) {
        const answer = await h.post(path, { token, body });
        expect(answer.status, path).toBe(401);
        expect(answer.json.error.code).toBe("unauthorized");
      }
    }
    expect(snapshot()).toEqual(before);
  });

  it("when the body or id is invalid, then 400 names the field and nobody is paused", async () => {
    h = quiet();
    seed(101);
    const before = snapshot();
    const cases: Array<[string, unknown, string]> = [
      ["101", { minutes: 0 }, "body.minutes"],
      ["101", { minutes: 10_081 }, "body.minutes"],
      ["101", { minutes: 1.5 }, "body.minutes"],
      ["101", { minutes: "10" }, "body.minutes"],
      ["101", { until_resumed: "yes" }, "body.until_resumed"],
      ["101", { minutes: 5, until_resumed: true }, "body.minutes"],
      ["101", { hours: 1 }, "body"],
      ["abc", {}, "path.id"],
    ];
    for (const [id, body, path] of cases) {
      const answer = await h.post(`/api/users/${id}/pause`, { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.details[0].path, JSON.stringify(body)).toBe(path);
    }
    const resume = await h.post("/api/users/1.5/resume");
    expect(resume.status).toBe(400);
    expect(resume.json.error.details[0].path).toBe("path.id");
    expect(snapshot()).toEqual(before);
  });

  it("when the user is unknown, then 404; when it is an imported contact, then pause is 422 no_telegram_id", async () => {
    h = quiet();
    const imported = contact({ email: "eve@example.com" });
    const before = snapshot();
    for (const path of ["/api/users/424242/pause", "/api/users/424242/resume"]) {
      const answer = await h.post(path, { body: {} });
      expect(answer.status, path).toBe(404);
      expect(answer.json.error).toMatchObject({
        code: "not_found",
        message: expect.stringMatching(/424242/),
      });
    }
    const refused = await h.post(`/api/users/${imported.id}/pause`, { body: { until_resumed: true } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("no_telegram_id");
    expect(snapshot()).toEqual(before);
  });

  it("when paused without a body, then the pauseMinutes setting applies, the user's messages go to the admins, and resume ends it", async () => {
    h = createApiHarness({ settings: { newUserAlerts: { enabled: false }, users: { pauseMinutes: 15 } } });
    const [ann] = seedBotUsers(h, [{ id: 101, first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    const now = h.clock.now();
    const paused = await h.post("/api/users/101/pause");
    expect(paused.status).toBe(200);
    const until = new Date(now.getTime() + 15 * minute);
    expect(paused.json.pause).toEqual({
      paused: true,
      paused_until: until.toISOString(),
      until_resumed: false,
    });
    expect(h.services.users.find(101)?.pausedUntil).toEqual(until);
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "users.pause",
      actorLabel: "api",
      after: { userId: 101, minutes: 15 },
    });

    const answersBefore = h.fake.textsTo(ann.id).length;
    await h.say(ann, "I need a human");
    expect(h.fake.textsTo(ann.id)).toHaveLength(answersBefore);
    expect(h.fake.messagesTo(ownerId).map((m) => m.text)).toEqual([
      expect.stringContaining("⏸ Bot paused for Ann"),
      "I need a human",
    ]);

    const resumed = await h.post("/api/users/101/resume");
    expect(resumed.status).toBe(200);
    expect(resumed.json.pause).toEqual({ paused: false, paused_until: null, until_resumed: false });
    expect(h.services.users.find(101)?.pausedUntil).toBeNull();
    expect(h.services.audit.recent(1)[0]).toMatchObject({ action: "users.resume", after: { userId: 101 } });
    await h.start(ann);
    expect(h.fake.textsTo(ann.id)).toHaveLength(answersBefore + 1);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(2);
  });

  it("when paused for given minutes or until resumed, then that is stored and audited; resuming a user who is not paused changes nothing", async () => {
    h = quiet();
    seed(101, 102);
    const now = h.clock.now();
    const timed = await h.post("/api/users/101/pause", { body: { minutes: 30, until_resumed: false } });
    expect(timed.status).toBe(200);
    expect(h.services.users.find(101)?.pausedUntil).toEqual(new Date(now.getTime() + 30 * minute));
    const forever = await h.post("/api/users/102/pause", { body: { until_resumed: true } });
    expect(forever.json.pause).toEqual({ paused: true, paused_until: null, until_resumed: true });
    expect(h.services.users.find(102)?.pausedUntil?.getUTCFullYear()).toBe(9999);
    expect(h.services.audit.recent(2).map((e) => e.after)).toEqual([
      { userId: 102, minutes: null },
      { userId: 101, minutes: 30 },
    ]);

    h.clock.advance(31 * minute);
    const auditBefore = h.services.audit.count();
    const idle = await h.post("/api/users/101/resume");
    expect(idle.status).toBe(200);
    expect(idle.json.pause.paused).toBe(false);
    expect(h.services.audit.count()).toBe(auditBefore);
  });
});

describe("PATCH /api/users/{id} infinite_session", () => {
  it("when infinite_session is turned on and off, then it is stored and audited with { on } as the menu does, and a repeat is no change", async () => {
    h = createApiHarness();
    seed(101);
    const on = await h.patch("/api/users/101", { body: { infinite_session: true } });
    expect(on.status).toBe(200);
    expect(on.json.infinite_session).toBe(true);
    expect(h.services.users.find(101)?.infiniteSession).toBe(true);
    await h.patch("/api/users/101", { body: { infinite_session: true } });
    const off = await h.patch("/api/users/101", { body: { infinite_session: false } });
    expect(off.json.infinite_session).toBe(false);
    expect(h.services.users.find(101)?.infiniteSession).toBe(false);
    expect(h.services.audit.recent(10).reverse()).toEqual([
      expect.objectContaining({
        action: "users.infiniteSession",
        actorLabel: "api",
        after: { userId: 101, on: true },
      }),
      expect.objectContaining({ action: "users.infiniteSession", after: { userId: 101, on: false } }),
    ]);
  });

  it("when infinite_session is not a boolean, or the token is missing, then it is refused and nothing changes", async () => {
    h = createApiHarness();
    seed(101);
    const before = snapshot();
    const invalid = await h.patch("/api/users/101", {
      body: { infinite_session: "yes", email: "a@example.com" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.details[0].path).toBe("body.infinite_session");
    for (const token of [null, "test-api-token-wrong-one"]) {
      const answer = await h.patch("/api/users/101", { token, body: { infinite_session: true } });
      expect(answer.status).toBe(401);
    }
    expect((await h.patch("/api/users/424242", { body: { infinite_session: true } })).status).toBe(404);
    expect(snapshot()).toEqual(before);
  });
});

describe("GET, PATCH and DELETE on /api/users/{id}/notes", () => {
  /** Two notes on 101 (the second newer) and one on 202. */
  function notes() {
    seed(101, 202);
    const { users: repo } = h.services;
    const first = repo.addNote(101, ownerId, "First", h.clock.now());
    h.clock.advance(60_000);
    const second = repo.addNote(101, null, "Second", h.clock.now());
    const other = repo.addNote(202, null, "Not 101's", h.clock.now());
    if (!first || !second || !other) throw new Error("notes not stored");
    return { first, second, other };
  }

  it("when called without a token or with a wrong one, then 401 and no note is deleted", async () => {
    h = createApiHarness();
    const { first } = notes();
    const before = snapshot();
    for (const token of [null, "test-api-token-wrong-one"]) {
      expect((await h.get("/api/users/101/notes", { token })).status).toBe(401);
      expect((await h.delete(`/api/users/101/notes/${first.id}`, { token })).status).toBe(401);
    }
    expect(snapshot()).toEqual(before);
  });

  it("when the notes are listed, then they come newest first", async () => {
    h = createApiHarness();
    const { first, second } = notes();
    const answer = await h.get("/api/users/101/notes");
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      notes: [
        { id: second.id, author_id: null, text: "Second", at: second.createdAt.toISOString() },
        { id: first.id, author_id: ownerId, text: "First", at: first.createdAt.toISOString() },
      ],
    });
    expect((await h.get("/api/users/424242/notes")).status).toBe(404);
  });

  it("when a note is deleted, then it is gone, the other notes stay, and users.deleteNote is audited", async () => {
    h = createApiHarness();
    const { first, second, other } = notes();
    const answer = await h.delete(`/api/users/101/notes/${first.id}`);
    expect(answer.status).toBe(204);
    expect(answer.text).toBe("");
    expect(h.services.users.notesOf(101).map((n) => n.id)).toEqual([second.id]);
    expect(h.services.users.notesOf(202).map((n) => n.id)).toEqual([other.id]);
    expect(actionsOf()).toEqual(["users.deleteNote"]);
    expect(h.services.audit.recent(1)[0]).toMatchObject({ actorLabel: "api", after: { userId: 101 } });
    expect((await h.delete(`/api/users/101/notes/${first.id}`)).status).toBe(404);
  });

  it("when the note is another user's or the user is unknown, then 404 and nothing is deleted; a bad id is 400", async () => {
    h = createApiHarness();
    const { other } = notes();
    const before = snapshot();
    const foreign = await h.delete(`/api/users/101/notes/${other.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.json.error).toMatchObject({ code: "not_found", message: expect.stringMatching(/Note/) });
    expect((await h.delete(`/api/users/424242/notes/${other.id}`)).status).toBe(404);
    expect((await h.delete("/api/users/101/notes/999999")).status).toBe(404);
    for (const [path, field] of [
      ["/api/users/101/notes/abc", "path.note_id"],
      ["/api/users/101/notes/-1", "path.note_id"],
      ["/api/users/x/notes/1", "path.id"],
    ] as const) {
      const answer = await h.delete(path);
      expect(answer.status, path).toBe(400);
      expect(answer.json.error.details[0].path).toBe(field);
    }
    expect(snapshot()).toEqual(before);
  });
  it("when a note is edited, then its text is replaced, it keeps its author and time, and users.editNote is audited", async () => {
    h = createApiHarness();
    const { first, second, other } = notes();
    const answer = await h.patch(`/api/users/101/notes/${first.id}`, { body: { text: "  Rewritten  " } });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      id: first.id,
      author_id: ownerId,
      text: "Rewritten",
      at: first.createdAt.toISOString(),
    });
    expect(h.services.users.notesOf(101).map((n) => [n.id, n.text])).toEqual([
      [second.id, "Second"],
      [first.id, "Rewritten"],
    ]);
    expect(h.services.users.notesOf(202).map((n) => n.text)).toEqual([other.text]);
    expect(actionsOf()).toEqual(["users.editNote"]);
    expect(h.services.audit.recent(1)[0]).toMatchObject({ actorLabel: "api", after: { userId: 101 } });
  });

  it("when the edited note is another user's or missing, or the text is bad, then 404 or 400 and nothing changes", async () => {
    h = createApiHarness();
    const { first, other } = notes();
    const before = snapshot();
    const foreign = await h.patch(`/api/users/101/notes/${other.id}`, { body: { text: "Forged" } });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error).toMatchObject({ code: "not_found", message: expect.stringMatching(/Note/) });
    expect((await h.patch(`/api/users/424242/notes/${other.id}`, { body: { text: "x" } })).status).toBe(404);
    expect((await h.patch("/api/users/101/notes/999999", { body: { text: "x" } })).status).toBe(404);
    for (const body of [{ text: "   " }, {}, { text: "x".repeat(4097) }, { text: 5 }]) {
      const answer = await h.patch(`/api/users/101/notes/${first.id}`, { body });
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(answer.json.error.details[0].path).toBe("body.text");
    }
    for (const token of [null, "test-api-token-wrong-one"]) {
      const answer = await h.patch(`/api/users/101/notes/${first.id}`, { token, body: { text: "x" } });
      expect(answer.status).toBe(401);
    }
    expect(snapshot()).toEqual(before);
  });
});

describe("POST /api/users/{id}/photo/refresh", () => {
  it("when called without a token or with a wrong one, then 401 and Telegram is not asked", async () => {
    h = createApiHarness();
    const [ann] = seed(101);
    if (ann) h.fake.setProfilePhotos(ann, 1);
    for (const token of [null, "test-api-token-wrong-one"]) {
      expect((await h.post("/api/users/101/photo/refresh", { token })).status).toBe(401);
    }
    expect(h.fake.callsOf("getUserProfilePhotos")).toEqual([]);
    expect(h.services.users.find(101)?.photoFileId).toBeNull();
  });

  it("when the user has a photo, then its largest size is stored and answered, and users.refreshPhoto is audited; without one it is cleared", async () => {
    h = createApiHarness();
    const [ann] = seed(101);
    if (!ann) throw new Error("no user");
    h.fake.setProfilePhotos(ann, 2);
    const answer = await h.post("/api/users/101/photo/refresh");
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ photo_file_id: expect.any(String) });
    expect(h.services.users.find(101)?.photoFileId).toBe(answer.json.photo_file_id);
    expect(h.fake.callsOf("getUserProfilePhotos")[0]?.params).toMatchObject({ user_id: 101, limit: 1 });
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "users.refreshPhoto",
      actorLabel: "api",
      after: { userId: 101 },
    });
    expect((await h.get("/api/users/101")).json.photo_file_id).toBe(answer.json.photo_file_id);

    h.fake.setProfilePhotos(ann, 0);
    const none = await h.post("/api/users/101/photo/refresh");
    expect(none.json).toEqual({ photo_file_id: null });
    expect(h.services.users.find(101)?.photoFileId).toBeNull();
  });

  it("when the user is unknown, then 404; an imported contact is 422 no_telegram_id; Telegram is not asked", async () => {
    h = createApiHarness();
    const imported = contact({ phone: "+60123456789" });
    const unknown = await h.post("/api/users/424242/photo/refresh");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("not_found");
    const refused = await h.post(`/api/users/${imported.id}/photo/refresh`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("no_telegram_id");
    expect((await h.post("/api/users/abc/photo/refresh")).json.error.details[0].path).toBe("path.id");
    expect(h.fake.callsOf("getUserProfilePhotos")).toEqual([]);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when Telegram refuses, then 422 telegram_refused; when it asks to wait, then 503 with Retry-After; nothing is stored or audited", async () => {
    h = createApiHarness();
    // Known to the database but not to Telegram.
    h.services.users.touch({ id: 555, is_bot: false, first_name: "Ghost" }, h.clock.now());
    h.services.users.setPhoto(555, "old-file-id");
    const refused = await h.post("/api/users/555/photo/refresh");
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({
      code: "telegram_refused",
      message: expect.stringMatching(/user not found/),
    });

    h.fake.failNext("getUserProfilePhotos", {
      error_code: 429,
      description: "Too Many Requests: retry after 60",
      parameters: { retry_after: 60 },
    });
    const busy = await h.post("/api/users/555/photo/refresh");
    expect(busy.status).toBe(503);
    expect(busy.json.error.code).toBe("telegram_unavailable");
    expect(busy.headers.get("retry-after")).toBe("60");
    expect(h.services.users.find(555)?.photoFileId).toBe("old-file-id");
    expect(h.services.audit.count()).toBe(0);
  });
});

describe("POST /api/users/bulk", () => {
  /** 101–103 are leads, 101 and 103 also vip with a city; 104 has nothing; -1 is an imported contact. */
  function leads() {
    seed(101, 102, 103, 104);
    const { users: repo } = h.services;
    const now = h.clock.now();
    for (const id of [101, 102, 103]) repo.addTag(id, "lead", now);
    for (const id of [101, 103]) {
      repo.addTag(id, "vip", now);
      repo.setAttribute(id, "city", "Ipoh", now);
    }
    contact({ email: "eve@example.com" });
  }
  const bulk = (query: string, body: unknown, token?: string | null) =>
    h.post(`/api/users/bulk${query}`, { body, token });

  it("when called without a token or with a wrong one, then 401 and nobody changes", async () => {
    h = createApiHarness();
    leads();
    const before = snapshot();
    for (const token of [null, "test-api-token-wrong-one"]) {
      const answer = await bulk("?all=true", { tags: { add: ["x"] } }, token);
      expect(answer.status).toBe(401);
    }
    expect(snapshot()).toEqual(before);
  });

  it("when the segment's users are changed, then every change reaches all of them in one pass, counted per change and audited as the menu does", async () => {
    h = createApiHarness();
    leads();
    const answer = await bulk(`?q=${encodeURIComponent("tag:lead")}`, {
      tags: { remove: ["lead"], add: ["client", "VIP"] },
      attributes: { set: { plan: "pro" }, unset: ["city"] },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      matched: 3,
      tags: { add: { client: 3, vip: 1 }, remove: { lead: 3 } },
      attributes: { set: { plan: 3 }, unset: { city: 2 } },
    });
    const { users: repo } = h.services;
    for (const id of [101, 102, 103]) {
      expect(repo.tagsOf(id).sort(), String(id)).toEqual(["client", "vip"]);
      expect(repo.attributesOf(id).map((a) => [a.key, a.value])).toEqual([["plan", "pro"]]);
    }
    expect(repo.tagsOf(104)).toEqual([]);
    expect(repo.attributesOf(104)).toEqual([]);
    expect(
      h.services.audit
        .recent(10)
        .reverse()
        .map((e) => [e.action, e.actorLabel, e.after]),
    ).toEqual([
      ["users.bulkTag", "api", { mode: "remove", matched: 3, changed: 3 }],
      ["users.bulkTag", "api", { mode: "add", matched: 3, changed: 3 }],
      ["users.bulkTag", "api", { mode: "add", matched: 3, changed: 1 }],
      ["users.bulkAttribute", "api", { mode: "unset", matched: 3, changed: 2 }],
      ["users.bulkAttribute", "api", { mode: "set", matched: 3, changed: 3 }],
    ]);
  });

  it("when all=true and no q, then every user changes, imported contacts too", async () => {
    h = createApiHarness();
    leads();
    const answer = await bulk("?all=true", { tags: { add: ["everyone"] } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ matched: 5, tags: { add: { everyone: 5 } } });
    for (const id of [-1, 101, 102, 103, 104]) expect(h.services.users.tagsOf(id)).toContain("everyone");
  });

  it("when nobody matches, then the counts are zero and nothing is audited", async () => {
    h = createApiHarness();
    leads();
    const before = snapshot();
    const answer = await bulk(`?q=${encodeURIComponent("tag:nobody")}`, { tags: { add: ["x"] } });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      matched: 0,
      tags: { add: { x: 0 }, remove: {} },
      attributes: { set: {}, unset: {} },
    });
    expect(snapshot()).toEqual(before);
  });

  it("when q is missing or empty without all=true, or all=true comes with a q, then 400 query.all and nobody changes", async () => {
    h = createApiHarness();
    leads();
    const before = snapshot();
    for (const query of [
      "",
      "?q=",
      "?q=%20%20",
      "?all=false",
      `?all=true&q=${encodeURIComponent("tag:vip")}`,
    ]) {
      const answer = await bulk(query, { tags: { add: ["x"] } });
      expect(answer.status, query).toBe(400);
      expect(answer.json.error).toMatchObject({ code: "invalid_request", details: [{ path: "query.all" }] });
    }
    expect(snapshot()).toEqual(before);
  });

  it("when the segment, a flag or a change is invalid, then 400 names it and nobody changes", async () => {
    h = createApiHarness();
    leads();
    const before = snapshot();
    const segment = await bulk(`?q=${encodeURIComponent("colour:red")}`, { tags: { add: ["x"] } });
    expect(segment.status).toBe(400);
    expect(segment.json.error).toMatchObject({ code: "invalid_segment", details: [{ path: "query.q" }] });
    const cases: Array<[string, unknown, string]> = [
      ["?all=yes", { tags: { add: ["x"] } }, "query.all"],
      ["?all=true", { tags: { add: ["fine", "no spaces"] } }, "body.tags.add.1"],
      ["?all=true", { tags: { remove: [""] } }, "body.tags.remove.0"],
      ["?all=true", { attributes: { set: { "Bad-Key": "x" } } }, "body.attributes.set.Bad-Key"],
      ["?all=true", { attributes: { set: { city: "  " } } }, "body.attributes.set.city"],
      ["?all=true", { attributes: { unset: ["Bad Key"] } }, "body.attributes.unset.0"],
      ["?all=true", { tags: ["x"] }, "body.tags"],
      ["?all=true", { status: "banned" }, "body"],
      ["?all=true", {}, "body"],
      ["?all=true", { tags: { add: [] } }, "body"],
    ];
    for (const [query, body, path] of cases) {
      const answer = await bulk(query, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.details[0].path, JSON.stringify(body)).toBe(path);
    }
    expect(snapshot()).toEqual(before);
  });
});
