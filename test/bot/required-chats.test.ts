import { afterEach, describe, expect, it } from "vitest";
import { texts } from "../../src/texts/bot.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";
import { answersTo, pressData } from "../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const news = { id: -100_111, type: "channel" as const, title: "Usher News", username: "usher_news" };
const chat = { id: -100_222, type: "supergroup" as const, title: "Usher Chat" };

function withJoinCheck(extra: Record<string, unknown> = {}) {
  h = createHarness({ settings: { joinCheck: { enabled: true, ...extra } } });
  for (const c of [news, chat]) {
    h.fake.addChat(c);
    h.services.requiredChats.add(
      { chatId: c.id, title: c.title, joinUrl: `https://t.me/+${Math.abs(c.id)}` },
      h.clock.now(),
    );
  }
  return h;
}

const alertsTo = (h: Harness, id: number) =>
  h.fake.textsTo(id).filter((t) => t.includes("Subscription check"));

const asksAbout = (chatId: number) => (method: string, params: Record<string, unknown>) =>
  method === "getChatMember" && Number(params.chat_id) === chatId;

/** Ways Telegram can fail for a while when asked about a chat's members; each returns its stop. */
const outages = [
  {
    name: "a 500",
    start: (chatId: number) =>
      h.fake.failWhen((method, params) =>
        asksAbout(chatId)(method, params)
          ? { error_code: 500, description: "Internal Server Error" }
          : undefined,
      ),
  },
  { name: "a network error", start: (chatId: number) => h.fake.dropWhen(asksAbout(chatId)) },
  {
    name: "a 429 with a long retry_after",
    start: (chatId: number) =>
      h.fake.failWhen((method, params) =>
        asksAbout(chatId)(method, params)
          ? {
              error_code: 429,
              description: "Too Many Requests: retry after 60",
              parameters: { retry_after: 60 },
            }
          : undefined,
      ),
  },
];

describe("join check", () => {
  it("when a newcomer has joined nothing, then they see a join button per chat and the re-check button", async () => {
    withJoinCheck();
    const ann = h.addUser();
    await h.start(ann);
    const prompt = h.fake.lastMessageTo(ann.id);
    expect(prompt?.text).toBe(texts.joinCheck.prompt);
    expect(h.fake.inlineButtons(prompt)).toEqual([
      { text: "Usher News", url: "https://t.me/+100111" },
      { text: "Usher Chat", url: "https://t.me/+100222" },
      { text: texts.joinCheck.joinedButton, callback_data: "gate:joined" },
    ]);
    expect(h.record(ann)?.status).toBe("pending");
  });

  it("when they join one chat and press I've joined, then only the missing chat is left and they stay pending", async () => {
    withJoinCheck();
    const ann = h.addUser();
    await h.start(ann);
    h.fake.setMembership(news.id, ann, "member");
    await h.press(ann, texts.joinCheck.joinedButton);
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: texts.joinCheck.stillMissing,
    });
    expect(h.fake.inlineButtons(h.fake.lastMessageTo(ann.id)).map((b) => b.text)).toEqual([
      "Usher Chat",
      texts.joinCheck.joinedButton,
    ]);
    expect(h.record(ann)?.status).toBe("pending");
  });

  it("when every chat is joined (member, admin or restricted member), then I've joined registers them", async () => {
    withJoinCheck();
    const ann = h.addUser();
    await h.start(ann);
    h.fake.setMembership(news.id, ann, "administrator");
    h.fake.setMembership(chat.id, ann, { status: "restricted", is_member: true });
    await h.press(ann, texts.joinCheck.joinedButton);
    expect(h.record(ann)?.status).toBe("active");
    expect(h.fake.textsTo(ann.id).at(-1)).toBe("Welcome, Ann! 👋");
  });

  it("when a restricted user is not a member, then they have not joined", async () => {
    withJoinCheck();
    const ann = h.addUser();
    h.fake.setMembership(news.id, ann, "member");
    h.fake.setMembership(chat.id, ann, { status: "restricted", is_member: false });
    await h.start(ann);
    expect(h.record(ann)?.status).toBe("pending");
  });

  it("when a user who joined leaves and re-check is on, then they lose access until they rejoin", async () => {
    withJoinCheck({ recheckEveryInteraction: true });
    const ann = h.addUser();
    h.fake.setMembership(news.id, ann, "member");
    h.fake.setMembership(chat.id, ann, "member");
    await h.start(ann);
    expect(h.record(ann)?.status).toBe("active");

    await h.send(h.fake.updates.chatMember(news.id, ann, "left"));
    await h.say(ann, "hello");
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe(texts.joinCheck.prompt);
    expect(h.record(ann)?.status).toBe("active");

    h.fake.setMembership(news.id, ann, "member");
    await h.press(ann, texts.joinCheck.joinedButton);
    const callsBefore = h.fake.calls.length;
    await h.start(ann);
    expect(h.fake.textsTo(ann.id).at(-1)).toBe("Welcome, Ann! 👋");
    // Cached: the second /start within a minute costs no getChatMember call.
    expect(h.fake.calls.slice(callsBefore).filter((c) => c.method === "getChatMember")).toHaveLength(0);
  });

  it("when re-check is off, then a bot user who leaves keeps access", async () => {
    withJoinCheck();
    const ann = h.addUser();
    h.fake.setMembership(news.id, ann, "member");
    h.fake.setMembership(chat.id, ann, "member");
    await h.start(ann);
    h.fake.setMembership(news.id, ann, "left");
    await h.start(ann);
    expect(h.fake.textsTo(ann.id).at(-1)).toBe("Welcome, Ann! 👋");
  });

  it("when the bot cannot read a chat's members, then users pass and the admins are alerted once", async () => {
    withJoinCheck();
    h.fake.addChat({ id: -100_333, type: "channel", title: "Hidden", botIsAdmin: false });
    h.services.requiredChats.add(
      { chatId: -100_333, title: "Hidden", joinUrl: "https://t.me/hidden" },
      h.clock.now(),
    );
    h.services.requiredChats.add(
      { chatId: -100_444, title: "Gone", joinUrl: "https://t.me/gone" },
      h.clock.now(),
    );
    const ann = h.addUser();
    const bob = h.addUser({ first_name: "Bob" });
    for (const u of [ann, bob]) {
      h.fake.setMembership(news.id, u, "member");
      h.fake.setMembership(chat.id, u, "member");
      await h.start(u);
      expect(h.record(u)?.status).toBe("active");
    }
    const alerts = alertsTo(h, ownerId);
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toContain('"Hidden" (-100333)');
    expect(alerts[0]).toContain("member list is inaccessible");
    expect(alerts[1]).toContain('"Gone" (-100444)');
    expect(alerts[1]).toContain("chat not found");
  });

  for (const outage of outages) {
    it(`when Telegram answers the check with ${outage.name}, then the newcomer stays pending, is told to try again, and passes once it answers`, async () => {
      withJoinCheck();
      const ann = h.addUser();
      h.fake.setMembership(news.id, ann, "member");
      h.fake.setMembership(chat.id, ann, "member");
      const stop = outage.start(chat.id);
      await h.start(ann);
      expect(h.record(ann)?.status).toBe("pending");
      expect(h.fake.textsTo(ann.id)).toEqual([texts.joinCheck.unavailable]);

      const press = await pressData(h, ann, "gate:joined");
      expect(h.record(ann)?.status).toBe("pending");
      expect(h.fake.textsTo(ann.id)).toEqual([texts.joinCheck.unavailable, texts.joinCheck.unavailable]);
      expect(answersTo(h, press)).toMatchObject([{ ok: true }]);

      stop();
      await h.press(ann, texts.joinCheck.retryButton);
      expect(h.record(ann)?.status).toBe("active");
      expect(h.fake.textsTo(ann.id).at(-1)).toBe("Welcome, Ann! 👋");
      expect(alertsTo(h, ownerId)).toHaveLength(0);
    });
  }

  it("when re-check is on and Telegram fails for a moment, then a bot user is not stopped", async () => {
    withJoinCheck({ recheckEveryInteraction: true });
    const ann = h.addUser();
    h.fake.setMembership(news.id, ann, "member");
    h.fake.setMembership(chat.id, ann, "member");
    await h.start(ann);
    h.clock.advance(61_000);
    const stop = outages[0]?.start(news.id);
    await h.start(ann);
    stop?.();
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋", "Welcome, Ann! 👋"]);
  });

  it("when Telegram refuses the check for good with another error, then users pass as before", async () => {
    withJoinCheck();
    h.fake.failWhen((method, params) =>
      asksAbout(news.id)(method, params)
        ? { error_code: 400, description: "Bad Request: PARTICIPANT_ID_INVALID" }
        : undefined,
    );
    const ann = h.addUser();
    h.fake.setMembership(chat.id, ann, "member");
    await h.start(ann);
    expect(h.record(ann)?.status).toBe("active");
  });

  it("when an unreadable chat becomes readable again and breaks later, then the admins are alerted again", async () => {
    withJoinCheck();
    h.services.requiredChats.remove(chat.id);
    const channel = h.fake.chat(news.id) as NonNullable<ReturnType<typeof h.fake.chat>>;
    channel.botIsAdmin = false;
    await h.start(h.addUser());
    channel.botIsAdmin = true;
    await h.start(h.addUser({ first_name: "Bob" }));
    channel.botIsAdmin = false;
    await h.start(h.addUser({ first_name: "Cy" }));
    expect(alertsTo(h, ownerId)).toHaveLength(2);
  });
});
