import { afterEach, describe, expect, it } from "vitest";
import { texts } from "../../src/texts/bot.js";
import type { SimChatInput } from "../support/fake-telegram/index.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

const news: SimChatInput = {
  id: -1001234567890,
  type: "channel",
  title: "Usher News",
  username: "usher_news",
};
const secret: SimChatInput = { id: -1002222222222, type: "channel", title: "Secret Channel" };
const talk: SimChatInput = { id: -1003333333333, type: "supergroup", title: "Usher Talk" };
const noInviteRights = {
  error_code: 400,
  description: "Bad Request: not enough rights to manage chat invite link",
};

const joinCheckOn = { settings: { joinCheck: { enabled: true } } };
const welcome = (name: string) => `Welcome, ${name}! 👋`;

async function added(chat: string, extra: Record<string, unknown> = {}) {
  const answer = await h.post("/api/required-chats", { body: { chat, ...extra } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json;
}

describe("POST /api/required-chats", () => {
  it("when a public channel is added by @username, then it is stored, audited and the gate asks newcomers to join it", async () => {
    h = createApiHarness(joinCheckOn);
    h.fake.addChat(news);
    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.textsTo(ann.id).at(-1)).toBe(welcome("Ann"));

    const answer = await h.post("/api/required-chats", { body: { chat: "@usher_news" } });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      chat_id: news.id,
      title: "Usher News",
      join_url: "https://t.me/usher_news",
      position: 0,
      added_at: h.clock.now().toISOString(),
      inaccessible_alerted_at: null,
    });
    expect(h.services.requiredChats.list()).toMatchObject([
      { chatId: news.id, title: "Usher News", joinUrl: "https://t.me/usher_news" },
    ]);
    expect(h.services.audit.recent()).toEqual([
      expect.objectContaining({
        actorLabel: "api",
        action: "joinCheck.addChat",
        before: null,
        after: { chatId: news.id, title: "Usher News" },
      }),
    ]);

    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob);
    const prompt = h.fake.lastMessageTo(bob.id);
    expect(prompt?.text).toBe(texts.joinCheck.prompt);
    expect(h.fake.inlineButtons(prompt)[0]).toEqual({ text: "Usher News", url: "https://t.me/usher_news" });
    expect(h.record(bob)?.status).toBe("pending");
  });

  it("when chats are named by link, by id or are private, then each is found and gets a join link", async () => {
    h = createApiHarness();
    h.fake.addChat({ ...news, id: -1001, username: "first_news" });
    h.fake.addChat({ ...talk, inviteLink: "https://t.me/+talkLink" });
    h.fake.addChat(secret);
    await added("https://t.me/first_news/15");
    await added(String(talk.id));
    await added(String(secret.id));
    expect(h.services.requiredChats.list().map((c) => [c.chatId, c.joinUrl, c.position])).toEqual([
      [-1001, "https://t.me/first_news", 0],
      [talk.id, "https://t.me/+talkLink", 1],
      [secret.id, expect.stringMatching(/^https:\/\/t\.me\/\+fake/), 2],
    ]);
    expect(h.fake.callsOf("createChatInviteLink")).toHaveLength(1);
    expect(h.fake.callsOf("exportChatInviteLink")).toHaveLength(0);
  });

  it("when no join link can be had, then 422 asks for join_url, and with one the chat is added", async () => {
    h = createApiHarness();
    h.fake.addChat(secret);
    h.fake.failNext("createChatInviteLink", noInviteRights);
    const refused = await h.post("/api/required-chats", { body: { chat: String(secret.id) } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("no_join_link");
    expect(refused.json.error.message).toMatch(/join_url/);
    expect(h.services.requiredChats.list()).toEqual([]);

    const chat = await added(String(secret.id), { join_url: "t.me/+SecretInvite42" });
    expect(chat.join_url).toBe("https://t.me/+SecretInvite42");
    expect(h.services.requiredChats.find(secret.id)?.joinUrl).toBe("https://t.me/+SecretInvite42");
  });

  it("when the bot is not an administrator or the chat is unknown, then 422 says why and nothing is added", async () => {
    h = createApiHarness();
    h.fake.addChat({ ...news, botIsAdmin: false });
    h.fake.addChat({ ...talk, botIsAdmin: false });
    const cases: Array<[string, string]> = [
      ["@usher_news", "bot_not_admin"],
      [String(talk.id), "bot_not_admin"],
      ["@nobody_here", "chat_not_found"],
      ["-1009999999999", "chat_not_found"],
    ];
    for (const [chat, code] of cases) {
      const answer = await h.post("/api/required-chats", { body: { chat } });
      expect(answer.status, chat).toBe(422);
      expect(answer.json.error.code, chat).toBe(code);
    }
    const notAdmin = await h.post("/api/required-chats", { body: { chat: "@usher_news" } });
    expect(notAdmin.json.error.message).toContain("@usher_test_bot is not an administrator of “Usher News”");
    expect(h.services.requiredChats.list()).toEqual([]);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when the chat cannot be read from the input or a field is bad, then 400 names it and Telegram is not asked", async () => {
    h = createApiHarness();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ chat: "12345" }, "body.chat"],
      [{ chat: "https://t.me/+AbCdEf123" }, "body.chat"],
      [{ chat: "hello there" }, "body.chat"],
      [{}, "body.chat"],
      [{ chat: "@usher_news", join_url: "https://example.com/join" }, "body.join_url"],
      [{ chat: "@usher_news", title: "Mine" }, "body"],
    ];
    for (const [body, path] of cases) {
      const answer = await h.post("/api/required-chats", { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(h.fake.callsOf("getChat")).toHaveLength(0);
    expect(h.services.requiredChats.list()).toEqual([]);
  });

  it("when the chat is already required, then 409", async () => {
    h = createApiHarness();
    h.fake.addChat(news);
    await added("@usher_news");
    const again = await h.post("/api/required-chats", { body: { chat: String(news.id) } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_listed");
    expect(h.services.requiredChats.list()).toHaveLength(1);
    expect(h.services.audit.count()).toBe(1);
  });

  it("when Telegram answers something unexpected, then 503 and nothing is added", async () => {
    h = createApiHarness();
    h.fake.addChat(news);
    h.fake.failNext("getChat", { error_code: 400, description: "Bad Request: something odd" });
    const answer = await h.post("/api/required-chats", { body: { chat: "@usher_news" } });
    expect(answer.status).toBe(503);
    expect(answer.json.error).toMatchObject({ code: "telegram_failed" });
    expect(answer.json.error.message).toContain("something odd");
    expect(h.services.requiredChats.list()).toEqual([]);
  });

  it("when the token is missing or wrong, then 401, Telegram is not asked and nothing is added", async () => {
    h = createApiHarness();
    h.fake.addChat(news);
    for (const token of [null, "wrong-token-of-some-length"]) {
      const answer = await h.post("/api/required-chats", { token, body: { chat: "@usher_news" } });
      expect(answer.status).toBe(401);
      expect((await h.get("/api/required-chats", { token })).status).toBe(401);
    }
    expect(h.fake.callsOf("getChat")).toHaveLength(0);
    expect(h.services.requiredChats.list()).toEqual([]);
  });
});

describe("GET /api/required-chats", () => {
  it("when chats are required, then they come in the order of their join buttons", async () => {
    h = createApiHarness();
    h.fake.addChat(news);
    h.fake.addChat({ ...talk, inviteLink: "https://t.me/+talkLink" });
    await added(String(talk.id));
    await added("@usher_news");
    const answer = await h.get("/api/required-chats");
    expect(answer.status).toBe(200);
    expect(answer.json.required_chats).toMatchObject([
      { chat_id: talk.id, title: "Usher Talk", join_url: "https://t.me/+talkLink", position: 0 },
      { chat_id: news.id, title: "Usher News", join_url: "https://t.me/usher_news", position: 1 },
    ]);
  });
});

describe("DELETE /api/required-chats/{chat_id}", () => {
  it("when a chat is removed, then the gate stops asking for it and the removal is audited", async () => {
    h = createApiHarness(joinCheckOn);
    h.fake.addChat(news);
    await added("@usher_news");
    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe(texts.joinCheck.prompt);

    expect((await h.delete(`/api/required-chats/${news.id}`, { token: null })).status).toBe(401);
    expect(h.services.requiredChats.list()).toHaveLength(1);

    const answer = await h.delete(`/api/required-chats/${news.id}`);
    expect(answer.status).toBe(204);
    expect(h.services.requiredChats.list()).toEqual([]);
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorLabel: "api",
      action: "joinCheck.removeChat",
      before: { chatId: news.id, title: "Usher News" },
      after: null,
    });

    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob);
    expect(h.fake.textsTo(bob.id).at(-1)).toBe(welcome("Bob"));
    expect(h.record(bob)?.status).toBe("active");
  });

  it("when the chat is not required or the id is not a chat's, then 404 or 400", async () => {
    h = createApiHarness();
    expect((await h.delete("/api/required-chats/-100123")).status).toBe(404);
    const positive = await h.delete("/api/required-chats/123");
    expect(positive.status).toBe(400);
    expect(positive.json.error.details[0].path).toBe("path.chat_id");
    expect((await h.delete("/api/required-chats/news")).status).toBe(400);
    expect(h.services.audit.count()).toBe(0);
  });
});
