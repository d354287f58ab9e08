import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Resvg } from "@resvg/resvg-js";
import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { TokenBucket } from "./fake-telegram/flood.js";
import { defaultBotInfo, FakeTelegram, type UploadedFile } from "./fake-telegram/index.js";

const START = 1_700_000_000_000;

function botFor(fake: FakeTelegram): Bot {
  return new Bot(fake.token, { botInfo: defaultBotInfo, client: { fetch: fake.fetch } });
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("FakeTelegram in-process with a grammY Bot", () => {
  it("when the bot sends a message, then it gets a realistic Message and the user's transcript has it", async () => {
    const fake = new FakeTelegram();
    const alice = fake.addUser({ first_name: "Alice" });
    const bot = botFor(fake);

    const sent = await bot.api.sendMessage(alice.id, "Hello", {
      reply_markup: new InlineKeyboard().text("Go", "go").url("Site", "https://example.com"),
    });

    expect(sent).toMatchObject({
      message_id: 1,
      text: "Hello",
      chat: { id: alice.id, type: "private", first_name: "Alice" },
      from: { id: defaultBotInfo.id, is_bot: true, username: "usher_test_bot" },
    });
    expect(alice.id).toBe(5_000_001);
    expect(fake.textsTo(alice)).toEqual(["Hello"]);
    expect(fake.inlineButtons(fake.lastMessageTo(alice.id))).toEqual([
      { text: "Go", callback_data: "go" },
      { text: "Site", url: "https://example.com" },
    ]);
    expect(fake.callsOf("sendMessage")).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ method: "sendMessage", ok: true, params: { chat_id: alice.id } });
    expect(fake.stats.delivered).toBe(1);
  });

  it("when users are blocked, deactivated or deleted, then sends fail with Telegram's codes", async () => {
    const fake = new FakeTelegram();
    const bot = botFor(fake);
    const blocked = fake.addUser({ state: "blocked" });
    const deactivated = fake.addUser({ state: "deactivated" });
    const deleted = fake.addUser();
    fake.setUserState(deleted.id, "deleted");

    const blockedError = await bot.api.sendMessage(blocked.id, "hi").catch((e: unknown) => e);
    expect(blockedError).toBeInstanceOf(GrammyError);
    expect(blockedError).toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await expect(bot.api.sendMessage(deactivated.id, "hi")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: user is deactivated",
    });
    await expect(bot.api.sendMessage(deleted.id, "hi")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: chat not found",
    });
    await expect(bot.api.sendMessage(999, "hi")).rejects.toMatchObject({ error_code: 400 });
    expect(fake.calls.every((c) => !c.ok)).toBe(true);
    expect(fake.stats.delivered).toBe(0);
  });

  it("when parameters are missing or wrong, then the answers match Telegram's", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const bot = botFor(fake);

    await expect(bot.api.sendMessage(user.id, "")).rejects.toMatchObject({
      description: "Bad Request: message text is empty",
    });
    await expect(bot.api.sendMessage(user.id, "x".repeat(4097))).rejects.toMatchObject({
      description: "Bad Request: message is too long",
    });
    await expect(bot.api.sendMessage(user.id, "<br>", { parse_mode: "HTML" })).rejects.toMatchObject({
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 0',
    });
    await expect(bot.api.sendMessage(user.id, "Hi.", { parse_mode: "MarkdownV2" })).rejects.toMatchObject({
      error_code: 400,
    });
    expect(await fake.handle(fake.token, "noSuchMethod", {})).toEqual({
      ok: false,
      error_code: 404,
      description: "Not Found",
    });
    expect(await fake.handle("1:WRONG", "getMe", {})).toEqual({
      ok: false,
      error_code: 401,
      description: "Unauthorized",
    });
  });

  it("when HTML is sent, then users see the plain text and entities", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const sent = await botFor(fake).api.sendMessage(user.id, "<b>Dear</b> &lt;User&gt;", {
      parse_mode: "HTML",
    });
    expect(sent.text).toBe("Dear <User>");
    expect(sent.entities).toEqual([{ type: "bold", offset: 0, length: 4 }]);
  });

  it("when the bot copies a message a user sent, then the copy carries its content", async () => {
    const fake = new FakeTelegram();
    const admin = fake.addUser({ first_name: "Admin" });
    const reader = fake.addUser({ first_name: "Reader" });
    const bot = botFor(fake);
    const update = fake.updates.text(admin, "Big news");
    const source = update.message?.message_id ?? 0;

    const copy = await bot.api.copyMessage(reader.id, admin.id, source);

    expect(copy).toEqual({ message_id: 1 });
    expect(fake.lastMessageTo(reader)).toMatchObject({ kind: "text", text: "Big news", sender: "bot" });
    expect(fake.transcript(admin).map((m) => m.sender)).toEqual(["user"]);
    await expect(bot.api.copyMessage(reader.id, admin.id, 42)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message to copy not found",
    });
  });

  it("when the bot edits a message, then edits apply, and missing or unchanged messages are refused", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const bot = botFor(fake);
    const sent = await bot.api.sendMessage(user.id, "v1");

    const edited = await bot.api.editMessageText(user.id, sent.message_id, "v2");

    expect(edited).toMatchObject({ message_id: sent.message_id, text: "v2" });
    expect(fake.messagesTo(user)).toMatchObject([{ text: "v2", edited: true }]);
    await expect(bot.api.editMessageText(user.id, sent.message_id, "v2")).rejects.toMatchObject({
      error_code: 400,
      description:
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    });
    await expect(bot.api.editMessageText(user.id, 999, "v3")).rejects.toMatchObject({
      description: "Bad Request: message to edit not found",
    });
    await bot.api.deleteMessage(user.id, sent.message_id);
    expect(fake.messagesTo(user)).toEqual([]);
  });

  it("when the bot edits a text message's media, then it becomes a photo with its caption; unchanged, unknown or too long is refused", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const bot = botFor(fake);
    const photo = fake.addFile({ kind: "photo", content: "jpeg" });
    const sent = await bot.api.sendMessage(user.id, "text", {
      reply_markup: new InlineKeyboard().text("Go", "go"),
    });

    const edited = await bot.api.editMessageMedia(user.id, sent.message_id, {
      type: "photo",
      media: photo.file_id,
      caption: "Card",
    });

    expect(edited).toMatchObject({ message_id: sent.message_id, caption: "Card" });
    expect(edited).not.toHaveProperty("text");
    expect(fake.messagesTo(user)).toMatchObject([{ kind: "photo", caption: "Card", edited: true }]);
    expect(fake.messagesTo(user)[0]?.message.photo?.[0]?.file_id).toBe(photo.file_id);
    const same = { type: "photo" as const, media: photo.file_id, caption: "Card" };
    await expect(bot.api.editMessageMedia(user.id, sent.message_id, same)).rejects.toMatchObject({
      description: expect.stringMatching(/message is not modified/),
    });
    await expect(
      bot.api.editMessageMedia(user.id, sent.message_id, { type: "photo", media: "nope" }),
    ).rejects.toMatchObject({ description: "Bad Request: wrong file identifier/HTTP URL specified" });
    await expect(
      bot.api.editMessageMedia(user.id, sent.message_id, { ...same, caption: "x".repeat(1025) }),
    ).rejects.toMatchObject({ description: "Bad Request: message caption is too long" });
    await expect(bot.api.editMessageText(user.id, sent.message_id, "text again")).rejects.toMatchObject({
      description: "Bad Request: there is no text in the message to edit",
    });
  });

  it("when a user presses an inline button, then the callback carries the bot's real message", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser({ first_name: "" });
    const bot = botFor(fake);
    bot.command("start", (ctx) =>
      ctx.reply(`Hi ${ctx.from?.first_name || "Dear User"}, payload=${ctx.match}`, {
        reply_markup: new InlineKeyboard().text("Join", "join"),
      }),
    );
    bot.callbackQuery("join", async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText("Joined");
    });

    await bot.handleUpdate(fake.updates.start(user, "ref42"));
    const found = fake.findButton(user, /join/i);
    expect(found?.button.callback_data).toBe("join");
    const press = fake.updates.callback(user, { message_id: found?.message_id ?? 0, data: "join" });
    expect(press.callback_query?.message).toMatchObject({
      reply_markup: { inline_keyboard: [[{ text: "Join", callback_data: "join" }]] },
    });
    await bot.handleUpdate(press);

    expect(fake.textsTo(user)).toEqual(["Joined"]);
    expect(fake.callsOf("answerCallbackQuery")).toMatchObject([{ ok: true }]);
    expect(fake.callsOf("sendMessage")[0]?.params.text).toBe("Hi Dear User, payload=ref42");
  });

  it("when a user blocks the bot via my_chat_member, then the user's state follows", () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const update = fake.updates.myChatMember(user, "kicked");
    expect(update.my_chat_member?.new_chat_member.status).toBe("kicked");
    expect(fake.user(user.id)?.state).toBe("blocked");
  });

  it("when users send commands, contacts, photos, documents and forwards, then updates look like Telegram's", () => {
    const fake = new FakeTelegram();
    const user = fake.addUser({ first_name: "Ann", last_name: "Lee" });
    const friend = fake.addUser({ first_name: "Bob" });

    expect(fake.updates.command(user, "admin").message?.entities).toEqual([
      { type: "bot_command", offset: 0, length: 6 },
    ]);
    expect(fake.updates.contact(user, "+15550100").message?.contact).toEqual({
      phone_number: "+15550100",
      first_name: "Ann",
      last_name: "Lee",
      user_id: user.id,
    });
    expect(fake.updates.photo(user, { caption: "me" }).message).toMatchObject({ caption: "me", photo: [{}] });
    expect(fake.updates.forwarded(user, friend).message?.forward_origin).toMatchObject({
      type: "user",
      sender_user: { id: friend.id, first_name: "Bob" },
    });
    expect(fake.updates.forwarded(user, "Hidden Name").message?.forward_origin).toMatchObject({
      type: "hidden_user",
      sender_user_name: "Hidden Name",
    });
    const doc = fake.updates.document(user, { file_name: "list.csv", mime_type: "text/csv", content: "a,b" });
    expect(doc.message?.document).toMatchObject({
      file_name: "list.csv",
      mime_type: "text/csv",
      file_size: 3,
    });
    expect(fake.transcript(user).map((m) => [m.message_id, m.kind])).toEqual([
      [1, "text"],
      [2, "contact"],
      [3, "photo"],
      [4, "text"],
      [5, "text"],
      [6, "document"],
    ]);
  });

  it("when latency is set, then answers are delayed by it", async () => {
    const fake = new FakeTelegram({ latencyMs: 40 });
    const bot = botFor(fake);
    let started = Date.now();
    await bot.api.getMe();
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    fake.setLatency(() => 0);
    started = Date.now();
    await bot.api.getMe();
    expect(Date.now() - started).toBeLessThan(35);
  });

  it("when an update arrives for a waiting long poll, then its answer takes half the latency to travel back", async () => {
    const fake = new FakeTelegram({ latencyMs: 200 });
    const alice = fake.addUser();
    const bot = botFor(fake);
    const polling = bot.api.getUpdates({ timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const arrivedAt = Date.now();
    fake.enqueue(fake.updates.text(alice, "hi"));
    expect(await polling).toHaveLength(1);
    expect(Date.now() - arrivedAt).toBeGreaterThanOrEqual(95);
  });

  it("when updates are pending, then getUpdates takes those that were queued when the request reached the server", async () => {
    const fake = new FakeTelegram({ latencyMs: 200 });
    const alice = fake.addUser();
    fake.enqueue(fake.updates.text(alice, "before"));
    const polling = fake.handle(fake.token, "getUpdates", { timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    fake.enqueue(fake.updates.text(alice, "on the way back"));
    const response = await polling;
    expect(response.ok && (response.result as Update[]).map((u) => u.message?.text)).toEqual(["before"]);
  });

  it("when failures are injected, then the chosen calls fail as told", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const bot = botFor(fake);
    fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    await expect(bot.api.sendMessage(user.id, "a")).rejects.toMatchObject({ error_code: 502 });
    await expect(bot.api.sendMessage(user.id, "b")).resolves.toMatchObject({ text: "b" });

    const stop = fake.failWhen((method) =>
      method === "getMe" ? { error_code: 500, description: "Internal Server Error" } : undefined,
    );
    await expect(bot.api.getMe()).rejects.toMatchObject({ error_code: 500 });
    stop();
    await expect(bot.api.getMe()).resolves.toMatchObject({ username: "usher_test_bot" });
  });

  it("when calls are dropped, then the bot gets a network error, no answer is recorded, and stopping ends it", async () => {
    const fake = new FakeTelegram();
    const bot = botFor(fake);
    const stop = fake.dropWhen((method, params) => method === "getChatMember" && params.chat_id === -1001);
    await expect(bot.api.getChatMember(-1001, 1)).rejects.toBeInstanceOf(HttpError);
    expect(fake.callsOf("getChatMember")).toHaveLength(0);
    await expect(bot.api.getMe()).resolves.toMatchObject({ username: "usher_test_bot" });
    stop();
    await expect(bot.api.getChatMember(-1001, 1)).rejects.toMatchObject({ error_code: 400 });
  });

  it("when the bot long-polls in-process with bot.start(), then it handles queued updates and stops", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const bot = botFor(fake);
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));

    fake.enqueue(fake.updates.text(user, "ping"));
    const running = bot.start({ drop_pending_updates: false });
    await waitFor(() => fake.lastMessageTo(user) !== undefined);
    await bot.stop();
    await running;

    expect(fake.textsTo(user)).toEqual(["echo: ping"]);
    expect(fake.pendingUpdates()).toEqual([]);
  });
});

describe("FakeTelegram web app buttons", () => {
  it("when a web_app button or menu button is not https, or is sent to a group, then it is refused as Telegram does", async () => {
    const fake = new FakeTelegram();
    const alice = fake.addUser({ first_name: "Alice" });
    const group = fake.addChat({ id: -1003, type: "supergroup", title: "Team" });
    const bot = botFor(fake);
    const app = (url: string) => new InlineKeyboard().webApp("Open", url);

    await expect(
      bot.api.sendMessage(alice.id, "Hi", { reply_markup: app("https://a.example/app/") }),
    ).resolves.toBeDefined();
    await expect(
      bot.api.sendMessage(alice.id, "Hi", { reply_markup: app("http://a.example/app/") }),
    ).rejects.toThrow(/Only HTTPS links are allowed/);
    await expect(
      bot.api.sendMessage(group.id, "Hi", { reply_markup: app("https://a.example/app/") }),
    ).rejects.toThrow(/BUTTON_TYPE_INVALID/);

    const webApp = (url: string) => ({ type: "web_app" as const, text: "App", web_app: { url } });
    await bot.api.setChatMenuButton({ chat_id: alice.id, menu_button: webApp("https://a.example/app/") });
    expect(await bot.api.getChatMenuButton({ chat_id: alice.id })).toEqual(webApp("https://a.example/app/"));
    await expect(
      bot.api.setChatMenuButton({ chat_id: alice.id, menu_button: webApp("http://a.example/app/") }),
    ).rejects.toThrow(/Only HTTPS links are allowed/);
    await expect(
      bot.api.setChatMenuButton({ chat_id: 123_456, menu_button: webApp("https://a.example/app/") }),
    ).rejects.toThrow(/chat not found/);
    expect(await bot.api.getChatMenuButton({ chat_id: alice.id })).toEqual(webApp("https://a.example/app/"));
  });
});

describe("FakeTelegram polls", () => {
  it("when the bot sends one poll to two chats, then each is a poll of its own with its own id, and a copy is new too", async () => {
    const fake = new FakeTelegram();
    const [ann, bob] = [fake.addUser(), fake.addUser()];
    const bot = botFor(fake);
    const options = [{ text: "Red" }, { text: "Blue" }];
    const first = await bot.api.sendPoll(ann.id, "Colour?", options, { is_anonymous: false });
    const second = await bot.api.sendPoll(bob.id, "Colour?", options, { is_anonymous: false });
    expect(first.poll).toMatchObject({
      question: "Colour?",
      options: [
        { text: "Red", voter_count: 0 },
        { text: "Blue", voter_count: 0 },
      ],
      is_anonymous: false,
      type: "regular",
      allows_multiple_answers: false,
    });
    expect(second.poll.id).not.toBe(first.poll.id);
    expect(fake.lastMessageTo(ann.id)?.kind).toBe("poll");
    const copy = await bot.api.copyMessage(bob.id, ann.id, first.message_id);
    const copied = fake.messagesTo(bob.id).find((m) => m.message_id === copy.message_id);
    expect(copied?.message.poll?.question).toBe("Colour?");
    expect(copied?.message.poll?.id).not.toBe(first.poll.id);
  });

  it("when a quiz names its right options, then they come back; without them, or with bad options, Telegram refuses", async () => {
    const fake = new FakeTelegram();
    const ann = fake.addUser();
    const bot = botFor(fake);
    const quiz = await bot.api.sendPoll(ann.id, "2+2?", [{ text: "3" }, { text: "4" }], {
      type: "quiz",
      correct_option_ids: [1],
      explanation: "Count again",
    });
    expect(quiz.poll).toMatchObject({ type: "quiz", correct_option_ids: [1], explanation: "Count again" });
    const refused = (call: Promise<unknown>) => call.catch((e: unknown) => (e as GrammyError).description);
    expect(await refused(bot.api.sendPoll(ann.id, "2+2?", [{ text: "4" }], { type: "quiz" }))).toBe(
      "Bad Request: quiz poll must have a correct option",
    );
    expect(await refused(bot.api.sendPoll(ann.id, " ", [{ text: "a" }, { text: "b" }]))).toBe(
      "Bad Request: poll question must be non-empty",
    );
    expect(await refused(bot.api.sendPoll(ann.id, "Q", [{ text: "a" }, { text: "" }]))).toBe(
      "Bad Request: poll options must be non-empty",
    );
  });
});

describe("FakeTelegram getChatMember", () => {
  function setup() {
    const fake = new FakeTelegram();
    const bot = botFor(fake);
    const user = fake.addUser();
    fake.addChat({ id: -1001, type: "channel", title: "News", username: "usher_news" });
    fake.addChat({ id: -1002, type: "channel", title: "Hidden", botIsAdmin: false });
    return { fake, bot, user };
  }

  it("when the user is a member, then the status is member, also by @username", async () => {
    const { fake, bot, user } = setup();
    fake.setMembership(-1001, user.id, "member");
    await expect(bot.api.getChatMember(-1001, user.id)).resolves.toMatchObject({
      status: "member",
      user: { id: user.id, is_bot: false },
    });
    await expect(bot.api.getChatMember("@usher_news", user.id)).resolves.toMatchObject({ status: "member" });
  });

  it("when the user never joined, then the status is left", async () => {
    const { bot, user } = setup();
    await expect(bot.api.getChatMember(-1001, user.id)).resolves.toMatchObject({ status: "left" });
  });

  it("when the user is restricted outside the chat, then is_member is false", async () => {
    const { fake, bot, user } = setup();
    fake.setMembership(-1001, user.id, { status: "restricted", is_member: false });
    await expect(bot.api.getChatMember(-1001, user.id)).resolves.toMatchObject({
      status: "restricted",
      is_member: false,
    });
  });

  it("when the chat is unknown or hides its members, then 400 with Telegram's descriptions", async () => {
    const { bot, user } = setup();
    await expect(bot.api.getChatMember(-4242, user.id)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: chat not found",
    });
    await expect(bot.api.getChatMember(-1002, user.id)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: member list is inaccessible",
    });
  });

  it("when a chat_member update says the user left, then getChatMember agrees", async () => {
    const { fake, bot, user } = setup();
    fake.setMembership(-1001, user.id, "administrator");
    const update = fake.updates.chatMember(-1001, user, "left");
    expect(update.chat_member?.old_chat_member.status).toBe("administrator");
    await expect(bot.api.getChatMember(-1001, user.id)).resolves.toMatchObject({ status: "left" });
  });
});

describe("FakeTelegram flood limits", () => {
  it("when a chat gets two messages within a second, then the second is 429 with retry_after", async () => {
    let clock = START;
    const fake = new FakeTelegram({ now: () => clock, flood: { globalPerSecond: 30, perChatPerSecond: 1 } });
    const user = fake.addUser();
    const bot = botFor(fake);

    await bot.api.sendMessage(user.id, "one");
    const error = await bot.api.sendMessage(user.id, "two").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    expect(fake.stats.tooManyRequests).toBe(1);
    clock += 1000;
    await expect(bot.api.sendMessage(user.id, "two")).resolves.toMatchObject({ text: "two" });
    expect(fake.stats.delivered).toBe(2);
  });

  it("when the global budget is spent, then retry_after rounds the wait up to whole seconds", async () => {
    let clock = START;
    const fake = new FakeTelegram({ now: () => clock });
    fake.setFlood({ globalPerSecond: 0.25, perChatPerSecond: 10 });
    const [a, b] = [fake.addUser(), fake.addUser()];

    expect((await fake.handle(fake.token, "sendMessage", { chat_id: a.id, text: "x" })).ok).toBe(true);
    clock += 500;
    expect(await fake.handle(fake.token, "sendMessage", { chat_id: b.id, text: "x" })).toMatchObject({
      ok: false,
      error_code: 429,
      parameters: { retry_after: 4 },
    });
    fake.setFlood(undefined);
    expect((await fake.handle(fake.token, "sendMessage", { chat_id: b.id, text: "x" })).ok).toBe(true);
  });

  it("when time passes, then a token bucket refills continuously up to its capacity", () => {
    const bucket = new TokenBucket(2, 1, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.waitMs(0)).toBe(1000);
    expect(bucket.waitMs(250)).toBe(750);
    expect(bucket.waitMs(10_000)).toBe(0);
  });
});

describe("FakeTelegram multipart uploads", () => {
  it("when the bot uploads an InputFile via sendDocument, then the fake records and serves the file", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const bot = botFor(fake);

    const sent = await bot.api.sendDocument(user.id, new InputFile(Buffer.from("hello"), "hello.txt"), {
      caption: "Your export",
      reply_markup: new InlineKeyboard().text("OK", "ok"),
    });

    const params = fake.callsOf("sendDocument")[0]?.params ?? {};
    const document = params.document as UploadedFile;
    expect(document.filename).toBe("hello.txt");
    expect(document.size).toBe(5);
    expect(Buffer.from(document.bytes).toString()).toBe("hello");
    expect(params.chat_id).toBe(user.id);
    expect(params.reply_markup).toEqual({ inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] });
    expect(sent.document).toMatchObject({ file_name: "hello.txt", mime_type: "text/plain", file_size: 5 });
    expect(fake.lastMessageTo(user)).toMatchObject({ kind: "document", caption: "Your export" });

    const file = await bot.api.getFile(sent.document?.file_id ?? "");
    const download = await fake.fetch(`https://api.telegram.org/file/bot${fake.token}/${file.file_path}`);
    expect(await download.text()).toBe("hello");
  });
});

describe("FakeTelegram photo uploads", () => {
  const png = (width: number, height: number) =>
    new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="red"/></svg>`,
    )
      .render()
      .asPng();

  it("when the bot uploads a PNG as a photo, then the message's photo has the PNG's size", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const sent = await botFor(fake).api.sendPhoto(user.id, new InputFile(png(300, 200), "chart.png"));
    expect(sent.photo?.[0]).toMatchObject({ width: 300, height: 200 });
  });

  it("when the bot uploads bytes that are no image, or a photo of sides beyond 20:1, then Telegram's refusals come back", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const api = botFor(fake).api;
    await expect(
      api.sendPhoto(user.id, new InputFile(Buffer.from("not an image"), "x.png")),
    ).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: IMAGE_PROCESS_FAILED",
    });
    await expect(api.sendPhoto(user.id, new InputFile(png(20, 500), "tall.png"))).rejects.toMatchObject({
      description: "Bad Request: PHOTO_INVALID_DIMENSIONS",
    });
    expect(fake.messagesTo(user.id)).toEqual([]);
  });
});

describe("FakeTelegram over HTTP", () => {
  it("when a bot uses the served apiRoot, then calls work, long polls deliver, time out and end on close", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const server = await fake.listen();
    const bot = new Bot(fake.token, { botInfo: defaultBotInfo, client: { apiRoot: server.apiRoot } });
    try {
      await expect(bot.api.sendMessage(user.id, "over http")).resolves.toMatchObject({ text: "over http" });
      await expect(bot.api.sendMessage(user.id + 1, "nobody")).rejects.toMatchObject({ error_code: 400 });

      const photo = await bot.api.sendPhoto(user.id, new InputFile(Buffer.from([0xff, 0xd8, 0xff]), "p.jpg"));
      expect(photo.photo?.[0]?.file_size).toBe(3);

      const polling = bot.api.getUpdates({ timeout: 5, allowed_updates: ["message", "callback_query"] });
      setTimeout(() => fake.enqueue(fake.updates.text(user, "queued")), 50);
      const updates = await polling;
      expect(updates.map((u) => u.message?.text)).toEqual(["queued"]);
      expect(fake.allowedUpdates).toEqual(["message", "callback_query"]);

      const confirmed = updates[0]?.update_id ?? 0;
      const started = Date.now();
      await expect(bot.api.getUpdates({ offset: confirmed + 1, timeout: 1 })).resolves.toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);

      const upload = fake.updates.document(user, {
        file_name: "a.csv",
        mime_type: "text/csv",
        content: "x,y",
      });
      const file = await bot.api.getFile(upload.message?.document?.file_id ?? "");
      const download = await fetch(`${server.apiRoot}/file/bot${fake.token}/${file.file_path}`);
      expect(await download.text()).toBe("x,y");

      const pending = bot.api.getUpdates({ offset: confirmed + 1, timeout: 30 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closing = Date.now();
      await server.close();
      await expect(pending).resolves.toEqual([]);
      expect(Date.now() - closing).toBeLessThan(1000);
    } finally {
      await server.close();
    }
  });

  it("when two long polls overlap, then the older one ends with 409 Conflict", async () => {
    const fake = new FakeTelegram();
    const first = fake.handle(fake.token, "getUpdates", { timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = fake.handle(fake.token, "getUpdates", { timeout: 5 });
    await expect(first).resolves.toMatchObject({ ok: false, error_code: 409 });
    fake.enqueue(fake.updates.text(fake.addUser(), "hi"));
    await expect(second).resolves.toMatchObject({ ok: true, result: [{ message: { text: "hi" } }] });
  });

  it("when allowed_updates is not given, then chat_member updates are not delivered, as on Telegram", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    fake.addChat({ id: -100, type: "supergroup", title: "Group" });
    fake.enqueue(fake.updates.chatMember(-100, user, "member"), fake.updates.text(user, "hello"));
    const response = await fake.handle(fake.token, "getUpdates", {});
    expect(response).toMatchObject({ ok: true, result: [{ message: { text: "hello" } }] });
  });
});

/** A webhook endpoint on 127.0.0.1 that records what it gets and answers with `status()`. */
async function webhookReceiver(status: () => number = () => 200) {
  const received: Array<{ update: Update; secret: string | undefined; contentType: string | undefined }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        update: JSON.parse(Buffer.concat(chunks).toString()) as Update,
        secret: req.headers["x-telegram-bot-api-secret-token"] as string | undefined,
        contentType: req.headers["content-type"],
      });
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/telegram`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("FakeTelegram over HTTP, dropping calls", () => {
  it("when a call is dropped, then the connection breaks and the bot gets a network error", async () => {
    const fake = new FakeTelegram();
    const server = await fake.listen();
    const bot = new Bot(fake.token, { botInfo: defaultBotInfo, client: { apiRoot: server.apiRoot } });
    try {
      const stop = fake.dropWhen((method) => method === "getMe");
      await expect(bot.api.getMe()).rejects.toBeInstanceOf(HttpError);
      stop();
      await expect(bot.api.getMe()).resolves.toMatchObject({ username: "usher_test_bot" });
    } finally {
      await server.close();
    }
  });
});

describe("FakeTelegram webhooks", () => {
  it("when setWebhook gets a URL Telegram would refuse, then 400; plain http is let through only for loopback", async () => {
    const fake = new FakeTelegram();
    const bot = botFor(fake);
    await expect(bot.api.setWebhook("http://example.com/hook")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
    });
    await expect(bot.api.setWebhook("https://example.com:9000/hook")).rejects.toMatchObject({
      description: "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
    });
    await expect(
      bot.api.setWebhook("https://example.com/hook", { secret_token: "no spaces allowed" }),
    ).rejects.toMatchObject({ error_code: 400 });
    expect(fake.webhookRegistration.url).toBe("");

    await expect(bot.api.setWebhook("http://127.0.0.1:1/hook", { secret_token: "s3cret" })).resolves.toBe(
      true,
    );
    expect(fake.webhookRegistration).toEqual({ url: "http://127.0.0.1:1/hook", secretToken: "s3cret" });
    fake.stopWebhook();
  });

  it("when a webhook is set, then queued updates are POSTed in order with the secret, and getUpdates is refused", async () => {
    const fake = new FakeTelegram();
    const user = fake.addUser();
    const bot = botFor(fake);
    const receiver = await webhookReceiver();
    try {
      await bot.api.setWebhook(receiver.url, {
        secret_token: "the-secret_123",
        allowed_updates: ["message"],
      });
      fake.addChat({ id: -100, type: "supergroup", title: "Group" });
      fake.enqueue(
        fake.updates.text(user, "one"),
        fake.updates.chatMember(-100, user, "member"),
        fake.updates.text(user, "two"),
      );
      await waitFor(() => receiver.received.length === 2);
      expect(receiver.received.map((r) => r.update.message?.text)).toEqual(["one", "two"]);
      expect(receiver.received.every((r) => r.secret === "the-secret_123")).toBe(true);
      expect(receiver.received[0]?.contentType).toBe("application/json");
      // An update leaves the queue once its answer is read, a moment after the receiver saw it.
      await waitFor(() => fake.pendingUpdates().length === 0);

      await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
      expect(await bot.api.getWebhookInfo()).toEqual({
        url: receiver.url,
        has_custom_certificate: false,
        pending_update_count: 0,
        max_connections: 40,
        allowed_updates: ["message"],
      });
      expect(fake.allowedUpdates).toEqual(["message"]);
    } finally {
      fake.stopWebhook();
      await receiver.close();
    }
  });

  it("when the webhook answers an error, then the update is retried until accepted and the error is reported", async () => {
    const fake = new FakeTelegram({ webhook: { retryMs: 10 } });
    const user = fake.addUser();
    const bot = botFor(fake);
    let status = 500;
    const receiver = await webhookReceiver(() => status);
    try {
      await bot.api.setWebhook(receiver.url, { secret_token: "s3cret" });
      fake.enqueue(fake.updates.text(user, "first"), fake.updates.text(user, "second"));
      await waitFor(() => receiver.received.length >= 3);
      // Nothing moves past an update that was not accepted.
      expect(receiver.received.every((r) => r.update.message?.text === "first")).toBe(true);
      const info = await bot.api.getWebhookInfo();
      expect(info.pending_update_count).toBe(2);
      expect(info.last_error_message).toBe("Wrong response from the webhook: 500 Internal Server Error");
      expect(info.last_error_date).toEqual(expect.any(Number));

      status = 200;
      await waitFor(() => fake.pendingUpdates().length === 0);
      const texts = receiver.received.map((r) => r.update.message?.text);
      expect(texts.filter((t) => t === "second")).toEqual(["second"]);
      expect(texts.at(-1)).toBe("second");
      expect(fake.webhookAttempts.filter((a) => a.ok).map((a) => a.status)).toEqual([200, 200]);
    } finally {
      fake.stopWebhook();
      await receiver.close();
    }
  });

  it("when it may use several connections, then that many updates are posted at once, never two of one user's, each user's in order", async () => {
    const fake = new FakeTelegram({ webhook: { connections: 3 } });
    const users = [fake.addUser(), fake.addUser(), fake.addUser(), fake.addUser()];
    const bot = botFor(fake);
    let open = 0;
    let peak = 0;
    const openPerUser = new Map<number, number>();
    const order: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const message = (JSON.parse(Buffer.concat(chunks).toString()) as Update).message;
        const from = message?.from?.id as number;
        open += 1;
        peak = Math.max(peak, open);
        openPerUser.set(from, (openPerUser.get(from) ?? 0) + 1);
        if ((openPerUser.get(from) ?? 0) > 1) order.push("overlap");
        order.push(message?.text ?? "");
        setTimeout(() => {
          open -= 1;
          openPerUser.set(from, (openPerUser.get(from) ?? 0) - 1);
          res.writeHead(200).end();
        }, 30);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await bot.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`);
      for (const round of [1, 2, 3]) {
        fake.enqueue(...users.map((user, i) => fake.updates.text(user, `u${i}-${round}`)));
      }
      await waitFor(() => fake.pendingUpdates().length === 0, 5000);

      expect(peak).toBe(3);
      expect(order).not.toContain("overlap");
      for (const i of [0, 1, 2, 3]) {
        expect(order.filter((text) => text.startsWith(`u${i}-`))).toEqual([`u${i}-1`, `u${i}-2`, `u${i}-3`]);
      }
    } finally {
      fake.stopWebhook();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("when the webhook cannot be reached, then the update stays queued; after deleteWebhook, getUpdates gets it", async () => {
    const fake = new FakeTelegram({ webhook: { retryMs: 10 } });
    const user = fake.addUser();
    const bot = botFor(fake);
    const receiver = await webhookReceiver();
    await receiver.close();
    await bot.api.setWebhook(receiver.url);
    fake.enqueue(fake.updates.text(user, "lost?"));
    await waitFor(() => fake.webhookAttempts.length >= 2);
    expect(fake.webhookAttempts[0]).toMatchObject({ ok: false, error: "Connection refused" });
    expect((await bot.api.getWebhookInfo()).last_error_message).toBe("Connection refused");

    await bot.api.deleteWebhook();
    expect(await bot.api.getWebhookInfo()).toMatchObject({ url: "", pending_update_count: 1 });
    const updates = await bot.api.getUpdates();
    expect(updates.map((u) => u.message?.text)).toEqual(["lost?"]);
  });
});
