import { afterEach, describe, expect, it } from "vitest";
import { ownerId } from "../support/bot-harness.js";
import { type ApiHarness, appSessionOf, createApiHarness } from "../support/http-harness.js";
import { createTestEngine, seedBotUsers, waitForStatus } from "../support/mailing-helpers.js";
import { insertImportedContact, insertUser } from "../support/user-factory.js";

let h: ApiHarness;
afterEach(() => h?.close());

/**
 * Eight users tagged vip, four of whom a mailing reaches: one blocked the bot, one was banned, one never
 * passed the gate, one is an imported contact; one more is not tagged. One reached is paused for a
 * human takeover, which keeps the bot's replies from them, not mailings.
 */
function seedVips() {
  const now = h.clock.now();
  const [ann, bob, cat, paused, dead, banned] = seedBotUsers(h, [
    { first_name: "Ann", language_code: "de" },
    { first_name: "Bob", language_code: "en" },
    { first_name: "Cat" },
    { first_name: "Pau" },
    { first_name: "Dee" },
    { first_name: "Ban" },
    { first_name: "Out" },
  ]);
  if (!ann || !bob || !cat || !paused || !dead || !banned) throw new Error("not seeded");
  const pending = insertUser(h.services.db, { id: 900_001, firstName: "Pen", status: "pending" }, now);
  const contact = insertImportedContact(h.services.db, { id: -5, firstName: "Con", status: "active" }, now);
  for (const user of [ann, bob, cat, paused, dead, banned, pending, contact])
    h.services.users.addTag(user.id, "vip", now);
  h.services.users.markDead(dead.id, "blocked", now);
  h.services.users.ban(banned.id);
  h.services.takeover.pauseUser(paused.id, "until resumed", now);
  return { ann, bob, reached: [ann, bob, cat, paused] };
}

const draft = {
  text: "Hello {first_name}!",
  audience: { segment: "tag:vip" },
  variants: [{ segment: "lang:de", text: "Hallo {first_name}!" }],
};

describe("POST /api/mailings/preview", () => {
  it("when a draft is previewed, then its count is exactly what the mailing made from it then snapshots", async () => {
    h = createApiHarness();
    const { reached } = seedVips();
    const preview = await h.post("/api/mailings/preview", { body: draft });
    expect(preview.status).toBe(200);
    expect(preview.json.recipients).toBe(4);

    const created = await h.post("/api/mailings", { body: draft });
    expect(created.status).toBe(201);
    const { engine, repository } = createTestEngine(h);
    engine.start();
    try {
      const done = await waitForStatus(repository, created.json.id);
      expect(done.total).toBe(preview.json.recipients);
    } finally {
      await engine.stop();
    }
    const sentTo = h.fake.callsOf("sendMessage").map((call) => Number(call.params.chat_id));
    expect(sentTo.sort((a, b) => a - b)).toEqual(reached.map((u) => u.id));
  });

  it("when no user is named, then the text is filled as the first recipient gets it, in their language's variant", async () => {
    h = createApiHarness();
    const { ann } = seedVips();
    const preview = await h.post("/api/mailings/preview", { body: draft });
    expect(preview.json).toEqual({
      recipients: 4,
      user: { id: ann.id, first_name: "Ann", last_name: null, username: null },
      variant: 0,
      type: "text",
      text: "Hallo Ann!",
      parse_mode: null,
      entities: [],
    });
  });

  it("when as_user names a user, then the text is filled as they get it, the variant theirs", async () => {
    h = createApiHarness();
    const { bob } = seedVips();
    const preview = await h.post(`/api/mailings/preview?as_user=${bob.id}`, {
      body: { ...draft, parse_mode: "HTML", text: "<b>Hi</b> {first_name}, {attr.plan|free}" },
    });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      recipients: 4,
      user: { id: bob.id, first_name: "Bob" },
      variant: null,
      text: "<b>Hi</b> Bob, free",
      parse_mode: "HTML",
    });
    const unknown = await h.post("/api/mailings/preview?as_user=424242", { body: draft });
    expect(unknown.status).toBe(404);
  });

  it("when the audience reaches nobody, then it answers 0 and no user, with no text", async () => {
    h = createApiHarness();
    seedVips();
    const preview = await h.post("/api/mailings/preview", {
      body: { text: "Hi", audience: { segment: "tag:nobody" } },
    });
    expect(preview.json).toMatchObject({ recipients: 0, user: null, variant: null, type: null, text: null });
  });

  it("when the draft is invalid, then it is refused exactly as creating it is", async () => {
    h = createApiHarness();
    seedVips();
    const bodies: Array<Record<string, unknown>> = [
      { text: "Hi", audience: { segment: "tag:" } },
      { text: "Hi", audience: { segment: "topic:nosuch" } },
      { text: "Hi {frist_name}" },
      { text: "Hi", variants: [{ segment: "lang:", text: "x" }] },
      { text: "Hi", buttons: [[{ text: "Go", url: "ftp://example.com" }]] },
      { text: "Hi", schedule_at: "2000-01-01T00:00:00Z" },
      { text: "Hi", paid_broadcast: true },
      { copy: { from_chat_id: 1, message_id: 2 }, text: "Hi" },
    ];
    for (const body of bodies) {
      const preview = await h.post("/api/mailings/preview", { body });
      const created = await h.post("/api/mailings", { body });
      expect(created.status, JSON.stringify(body)).toBe(body.paid_broadcast ? 422 : 400);
      expect(preview.status, JSON.stringify(body)).toBe(created.status);
      expect(preview.json, JSON.stringify(body)).toEqual(created.json);
    }
  });

  it("when drafts are previewed, then nothing is stored, audited or sent", async () => {
    h = createApiHarness();
    seedVips();
    const audited = h.services.audit.recent(100);
    for (const body of [draft, { ...draft, schedule_at: "2030-01-01T00:00:00Z" }])
      expect((await h.post("/api/mailings/preview", { body })).status).toBe(200);
    expect(h.services.mailings.list(10)).toEqual([]);
    expect(h.services.mailingVariants.list(1)).toEqual([]);
    expect(h.services.audit.recent(100)).toEqual(audited);
    expect(h.fake.callsOf("sendMessage")).toEqual([]);
    // Not even an id is used up (PostgreSQL's sequences do not roll back): the first mailing is number 1.
    expect((await h.post("/api/mailings", { body: draft })).json.id).toBe(1);
  });

  it("when the Mini App previews with a session, then it answers as the API does", async () => {
    h = createApiHarness();
    seedVips();
    const token = await appSessionOf(h, { id: ownerId, first_name: "Owner" });
    const viaApp = await h.post("/app/api/mailings/preview", { token, body: draft });
    expect(viaApp.status).toBe(200);
    expect(viaApp.json).toEqual((await h.post("/api/mailings/preview", { body: draft })).json);
    expect((await h.post("/app/api/mailings/preview", { token: null, body: draft })).status).toBe(401);
  });
});
