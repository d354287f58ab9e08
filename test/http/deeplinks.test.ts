import { afterEach, describe, expect, it } from "vitest";
import { ownerId } from "../support/bot-harness.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

const link = (code: string) => `https://t.me/usher_test_bot?start=${code}`;
const shop = [[{ text: "Shop", url: "https://shop.example.com" }]];

/** A deeplink made over the API; its JSON. */
async function created(body: Record<string, unknown>) {
  const answer = await h.post("/api/deeplinks", { body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json;
}

describe("POST /api/deeplinks", () => {
  it("when a text with parse_mode, tags and buttons is created, then it is stored, audited and delivered to a newcomer", async () => {
    h = createApiHarness();
    const answer = await h.post("/api/deeplinks", {
      body: {
        code: "SpringGift",
        text: "Hello <b>{first_name}</b>",
        parse_mode: "HTML",
        tags: ["VIP", "spring", "vip"],
        buttons: shop,
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      code: "SpringGift",
      link: link("SpringGift"),
      content: {
        type: "text",
        text: "Hello <b>{first_name}</b>",
        parse_mode: "HTML",
        disable_link_preview: false,
        entities: null,
      },
      tags: ["vip", "spring"],
      topics: [],
      buttons: shop,
      hits: 0,
      created_at: h.clock.now().toISOString(),
    });
    expect(h.services.deeplinks.find("SpringGift")).toMatchObject({
      content: { type: "text", text: "Hello <b>{first_name}</b>", parseMode: "HTML" },
      tags: ["vip", "spring"],
      buttons: shop,
      createdBy: null,
    });
    expect(h.services.audit.recent()).toEqual([
      expect.objectContaining({
        actorLabel: "api",
        action: "deeplinks.create",
        after: { code: "SpringGift", tags: ["vip", "spring"], buttons: shop },
      }),
    ]);

    const ann = h.addUser({ first_name: "Ann <3" });
    await h.start(ann, "SpringGift");
    const delivered = h.fake.messagesTo(ann.id).find((m) => m.text?.startsWith("Hello"));
    expect(delivered?.text).toBe("Hello Ann <3");
    expect(delivered?.message.entities).toEqual([{ type: "bold", offset: 6, length: 6 }]);
    expect(h.fake.inlineButtons(delivered)).toEqual([{ text: "Shop", url: "https://shop.example.com" }]);
    expect(h.services.users.tagsOf(ann.id).sort()).toEqual(["spring", "vip"]);
    expect((await h.get("/api/deeplinks/SpringGift")).json.hits).toBe(1);
  });

  it("when a copy of a stored message is created without a code, then a random code is made and newcomers get the copy", async () => {
    h = createApiHarness();
    await h.send(h.fake.updates.photo(h.owner, { caption: "Our menu" }));
    const photo = h.fake.transcript(ownerId).findLast((m) => m.sender === "user" && m.kind === "photo");
    const deeplink = await created({ copy: { from_chat_id: ownerId, message_id: photo?.message_id } });
    expect(deeplink.code).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(deeplink.code).not.toMatch(/^[ra]/);
    expect(deeplink).toMatchObject({
      content: { type: "copy", from_chat_id: ownerId, message_id: photo?.message_id },
      tags: [],
      buttons: [],
    });
    const ann = h.addUser();
    await h.start(ann, deeplink.code);
    expect(h.fake.messagesTo(ann.id).find((m) => m.kind === "photo")?.caption).toBe("Our menu");
  });

  it("when a field is invalid, then 400 names it and nothing is stored", async () => {
    h = createApiHarness();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: "abc", text: "Hi" }, "body.code"],
      [{ code: "rabbit", text: "Hi" }, "body.code"],
      [{ code: "bad code", text: "Hi" }, "body.code"],
      [{ code: "x".repeat(65), text: "Hi" }, "body.code"],
      [{ code: "ok" }, "body.text"],
      [{ text: "   " }, "body.text"],
      [{ text: "x".repeat(4097) }, "body.text"],
      [{ text: "Hi", copy: { from_chat_id: 1, message_id: 2 } }, "body.copy"],
      [{ copy: { from_chat_id: 1, message_id: 2 }, parse_mode: "HTML" }, "body.parse_mode"],
      [{ text: "Hi", parse_mode: "Markdown" }, "body.parse_mode"],
      [{ text: "<i>Hi</b>", parse_mode: "HTML" }, "body.text"],
      [{ text: "Hi", tags: ["no spaces"] }, "body.tags.0"],
      [{ text: "Hi", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "body.tags"],
      [{ text: "Hi", buttons: [[{ text: "Shop", url: "ftp://x.example" }]] }, "body.buttons.0.0.url"],
      [{ text: "Hi", buttons: [[]] }, "body.buttons.0"],
      [{ text: "Hi", buttons: [[{ text: " ", url: "https://x.example" }]] }, "body.buttons.0.0.text"],
      [{ text: "Hi", hits: 5 }, "body"],
    ];
    for (const [body, path] of cases) {
      const answer = await h.post("/api/deeplinks", { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(h.services.deeplinks.count()).toBe(0);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when the code is taken, then 409 and the first deeplink is untouched", async () => {
    h = createApiHarness();
    await created({ code: "promo", text: "First" });
    const answer = await h.post("/api/deeplinks", { body: { code: "promo", text: "Second" } });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe("code_taken");
    expect(h.services.deeplinks.find("promo")?.content).toEqual({ type: "text", text: "First" });
  });

  it("when the token is missing or wrong, then 401 and nothing is created", async () => {
    h = createApiHarness();
    for (const token of [null, "wrong-token-of-some-length"]) {
      expect((await h.post("/api/deeplinks", { token, body: { text: "Hi" } })).status).toBe(401);
      expect((await h.get("/api/deeplinks", { token })).status).toBe(401);
    }
    expect(h.services.deeplinks.count()).toBe(0);
  });
});

describe("GET /api/deeplinks", () => {
  it("when there are deeplinks, then they come newest first, paged, and one can be read by its code", async () => {
    h = createApiHarness();
    await created({ code: "First", text: "One" });
    h.clock.advance(1000);
    await created({ code: "Second", text: "Two", tags: ["b"] });
    const all = await h.get("/api/deeplinks");
    expect(all.status).toBe(200);
    expect(all.json.total).toBe(2);
    expect(all.json.deeplinks.map((d: { code: string }) => d.code)).toEqual(["Second", "First"]);
    expect((await h.get("/api/deeplinks?limit=1&offset=1")).json.deeplinks).toMatchObject([
      { code: "First" },
    ]);
    expect((await h.get("/api/deeplinks/Second")).json).toMatchObject({ link: link("Second"), tags: ["b"] });
  });

  it("when a deeplink made in the menu has formatting entities, then they come back with its text", async () => {
    h = createApiHarness();
    const entities = [{ type: "bold" as const, offset: 0, length: 2 }];
    h.services.deeplinks.create(
      { code: "Menu", content: { type: "text", text: "Hi there", entities }, createdBy: ownerId },
      h.clock.now(),
    );
    expect((await h.get("/api/deeplinks/Menu")).json.content).toEqual({
      type: "text",
      text: "Hi there",
      parse_mode: null,
      disable_link_preview: false,
      entities,
    });
  });

  it("when the code is unknown or malformed, then 404 or 400", async () => {
    h = createApiHarness();
    expect((await h.get("/api/deeplinks/Nope")).status).toBe(404);
    const malformed = await h.get("/api/deeplinks/bad%20code");
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details[0].path).toBe("path.code");
  });
});

describe("PATCH /api/deeplinks/{code}", () => {
  it("when tags and buttons change, then both are stored and each change is audited as the menu names it", async () => {
    h = createApiHarness();
    await created({ code: "Gift", text: "Hi", tags: ["old"] });
    const answer = await h.patch("/api/deeplinks/Gift", { body: { tags: ["New", "other"], buttons: shop } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ tags: ["new", "other"], buttons: shop, content: { text: "Hi" } });
    expect(h.services.deeplinks.find("Gift")).toMatchObject({
      tags: ["new", "other"],
      buttons: shop,
      content: { type: "text", text: "Hi" },
    });
    const audit = h.services.audit.recent(2);
    expect(audit.map((e) => e.action).sort()).toEqual(["deeplinks.buttons", "deeplinks.tags"]);
    expect(audit.find((e) => e.action === "deeplinks.buttons")).toMatchObject({
      actorLabel: "api",
      before: { code: "Gift", buttons: [] },
      after: { code: "Gift", buttons: shop },
    });
    expect(audit.find((e) => e.action === "deeplinks.tags")).toMatchObject({
      before: { code: "Gift", tags: ["old"] },
      after: { code: "Gift", tags: ["new", "other"] },
    });
  });

  it("when the content is replaced by a copy, then newcomers get the copy and the tags stay", async () => {
    h = createApiHarness();
    await created({ code: "Gift", text: "Hi", tags: ["kept"] });
    await h.send(h.fake.updates.photo(h.owner, { caption: "New menu" }));
    const photo = h.fake.transcript(ownerId).findLast((m) => m.sender === "user" && m.kind === "photo");
    const copy = { from_chat_id: ownerId, message_id: photo?.message_id };
    const answer = await h.patch("/api/deeplinks/Gift", { body: { copy } });
    expect(answer.status).toBe(200);
    expect(h.services.deeplinks.find("Gift")).toMatchObject({
      content: { type: "copy", fromChatId: ownerId, messageId: photo?.message_id },
      tags: ["kept"],
    });
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "deeplinks.content",
      before: { code: "Gift", content: { type: "text", text: "Hi" } },
    });
    const ann = h.addUser();
    await h.start(ann, "Gift");
    expect(h.fake.messagesTo(ann.id).find((m) => m.kind === "photo")?.caption).toBe("New menu");
    expect(h.services.users.tagsOf(ann.id)).toEqual(["kept"]);
  });

  it("when the code is unknown, a field invalid or the token missing, then nothing changes", async () => {
    h = createApiHarness();
    await created({ code: "Gift", text: "Hi", tags: ["old"] });
    expect((await h.patch("/api/deeplinks/Nope", { body: { tags: [] } })).status).toBe(404);
    const bad = await h.patch("/api/deeplinks/Gift", { body: { tags: ["fine"], buttons: [[]] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("body.buttons.0");
    const parseMode = await h.patch("/api/deeplinks/Gift", { body: { parse_mode: "HTML" } });
    expect(parseMode.json.error.details[0].path).toBe("body.parse_mode");
    const code = await h.patch("/api/deeplinks/Gift", { body: { code: "Other" } });
    expect(code.status).toBe(400);
    const anonymous = await h.patch("/api/deeplinks/Gift", { token: null, body: { tags: [] } });
    expect(anonymous.status).toBe(401);
    expect(h.services.deeplinks.find("Gift")).toMatchObject({ tags: ["old"], content: { text: "Hi" } });
    expect(h.services.audit.count()).toBe(1);
  });
});

describe("DELETE /api/deeplinks/{code}", () => {
  it("when a deeplink is deleted, then its link stops delivering, tags it gave stay and the deletion is audited", async () => {
    h = createApiHarness();
    await created({ code: "Gift", text: "Your gift", tags: ["gift"] });
    const ann = h.addUser();
    await h.start(ann, "Gift");

    expect((await h.delete("/api/deeplinks/Gift", { token: null })).status).toBe(401);
    expect(h.services.deeplinks.find("Gift")).toBeDefined();

    const answer = await h.delete("/api/deeplinks/Gift");
    expect(answer.status).toBe(204);
    expect(h.services.deeplinks.find("Gift")).toBeUndefined();
    expect(h.services.users.tagsOf(ann.id)).toEqual(["gift"]);
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorLabel: "api",
      action: "deeplinks.delete",
      before: { code: "Gift", tags: ["gift"] },
    });
    expect((await h.delete("/api/deeplinks/Gift")).status).toBe(404);

    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob, "Gift");
    expect(h.fake.textsTo(bob.id)).not.toContain("Your gift");
    expect(h.fake.textsTo(bob.id).at(-1)).toBe("Welcome, Bob! 👋");
  });
});
