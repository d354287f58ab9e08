import type { Message, MessageOrigin, Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { fillTemplate } from "../../../src/features/content/template.js";
import { texts as adminTexts } from "../../../src/texts/admin-protection.js";
import { texts } from "../../../src/texts/bot.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { SimChatInput } from "../../support/fake-telegram/index.js";
import { answerCaptcha, captchaMessage, pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const bot = "usher_test_bot";
const toProtection = ["🧩 Extensions", "📂 Protection"];
const toCaptcha = [...toProtection, "🤖 Captcha"];
const toJoinCheck = [...toProtection, "📢 Subscription check"];

const news: SimChatInput = {
  id: -1001234567890,
  type: "channel",
  title: "Usher News",
  username: "usher_news",
};
const secret: SimChatInput = { id: -1002222222222, type: "channel", title: "Secret Channel" };
const talk: SimChatInput = { id: -1003333333333, type: "supergroup", title: "Usher Talk" };

const lastText = () => h.fake.textsTo(ownerId).at(-1);
const auditActions = () => h.services.audit.recent().map((e) => e.action);

/** A message the owner forwards from a chat, as Telegram builds it (the fake forwards only from people). */
function forwardedFrom(origin: MessageOrigin): Update {
  const update = h.fake.updates.forwarded(h.owner, h.owner, "A post");
  (update.message as Message).forward_origin = origin;
  return update;
}

const channelOrigin = (chat: SimChatInput): MessageOrigin => ({
  type: "channel",
  chat: {
    id: chat.id,
    type: "channel",
    title: chat.title,
    ...(chat.username ? { username: chat.username } : {}),
  },
  message_id: 12,
  date: 1,
});

/** Opens ➕ Add chat on the subscription-check page. */
async function startAddChat() {
  await openAdmin(h, toJoinCheck);
  await h.press(h.owner, adminTexts.joinCheck.addChat);
}

/** The callback data of a button with its menu payload replaced, as a forger would send it. */
function withPayload(label: string, payload: string): string {
  const data = h.fake.findButton(ownerId, label)?.button.callback_data;
  if (!data) throw new Error(`no button ${label}`);
  const parts = data.split("/");
  parts[3] = payload;
  return parts.join("/");
}

describe("admin menu: 📂 Protection", () => {
  it("when the owner walks to Protection and back, then one message is edited with its links", async () => {
    h = createHarness();
    await openAdmin(h, toProtection);
    const menu = currentMenu(h);
    expect(menu.text).toBe(adminTexts.protection.title);
    expect(menu.buttons).toEqual(["🤖 Captcha", "📢 Subscription check", "⬅ Back"]);
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons).toContain("📂 Protection");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(1);
  });
});

describe("admin menu: 🤖 Captcha", () => {
  it("when the page opens, then it shows every value and its buttons, edited in place", async () => {
    h = createHarness();
    await openAdmin(h, toCaptcha);
    const menu = currentMenu(h);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(1);
    expect(menu.text).toContain(adminTexts.captcha.off);
    expect(menu.text).toContain("Kind: 😀 Emoji (tap the named emoji among six)");
    expect(menu.text).toContain("Attempts: 3, then a cool-down of 5 min");
    expect(menu.text).toContain("Each challenge expires after 5 min");
    expect(menu.text).toContain(texts.captcha.intro);
    expect(menu.text).toContain(texts.captcha.passed);
    expect(menu.buttons).toEqual([
      "❌ Captcha",
      "Kind: 😀 Emoji",
      "Attempts: 3",
      "Expiry: 5 min",
      "Cool-down: 5 min",
      "✏️ Intro text",
      "✏️ Passed text",
      "🌐 Captcha intro",
      "🌐 Captcha passed",
      "⬅ Back",
    ]);
  });

  it("when the switch and kind are pressed and attempts, expiry and cool-down are stepped with − / +, then the setting, the page and the audit log follow", async () => {
    h = createHarness();
    await openAdmin(h, toCaptcha);
    await h.press(h.owner, "❌ Captcha");
    await h.press(h.owner, "Kind: 😀 Emoji");
    await h.press(h.owner, "Attempts: 3");
    expect(currentMenu(h).text).toBe(
      "🔁 Captcha attempts\nWrong answers a newcomer may give before the cool-down.\n\nNow: 3 (from 1 to 10)",
    );
    expect(currentMenu(h).buttons).toEqual(["−1", "+1", "✏️ Type a value", "⬅ Back"]);
    await h.press(h.owner, "−1");
    await h.press(h.owner, "−1");
    expect(currentMenu(h).text).toContain("Now: 1 (from 1 to 10)");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "Expiry: 5 min");
    expect(currentMenu(h).buttons).toEqual([
      "−5 min",
      "−30 s",
      "+30 s",
      "+5 min",
      "✏️ Type a value",
      "⬅ Back",
    ]);
    await h.press(h.owner, "+5 min");
    await h.press(h.owner, "−30 s");
    expect(currentMenu(h).text).toContain("Now: 9 min 30 s (from 30 s to 60 min)");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "Cool-down: 5 min");
    await h.press(h.owner, "+15 min");
    expect(h.services.settings.get("captcha")).toMatchObject({
      enabled: true,
      kind: "math",
      attempts: 1,
      expirySeconds: 570,
      cooldownSeconds: 1200,
    });
    await h.press(h.owner, "⬅ Back");
    const menu = currentMenu(h);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(1);
    expect(menu.buttons.slice(0, 5)).toEqual([
      "✅ Captcha",
      "Kind: 🔢 Math",
      "Attempts: 1",
      "Expiry: 9 min 30 s",
      "Cool-down: 20 min",
    ]);
    expect(menu.text).toContain(adminTexts.captcha.on);
    expect(menu.text).toContain("Attempts: 1, then a cool-down of 20 min");
    expect(h.services.audit.recent()).toHaveLength(7);
    expect(h.services.audit.recent().at(-1)).toMatchObject({
      actorId: ownerId,
      action: "settings.captcha",
      before: { enabled: false },
      after: { enabled: true },
    });
    expect(h.services.audit.recent()[0]).toMatchObject({
      before: { cooldownSeconds: 300 },
      after: { cooldownSeconds: 1200 },
    });
  });

  it("when − / + would pass a bound, then the value stops at the bound, and a press at it changes nothing and says so", async () => {
    h = createHarness({ settings: { captcha: { expirySeconds: 3500, cooldownSeconds: 30 } } });
    await openAdmin(h, [...toCaptcha, "Expiry: 58 min 20 s"]);
    await h.press(h.owner, "+5 min");
    expect(h.services.settings.get("captcha").expirySeconds).toBe(3600);
    const audited = h.services.audit.count();
    await h.press(h.owner, "+30 s");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: "Already at the highest: 60 min",
    });
    expect(h.services.audit.count()).toBe(audited);
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "Cool-down: 30 s");
    await h.press(h.owner, "−1 min");
    expect(h.services.settings.get("captcha").cooldownSeconds).toBe(0);
    expect(currentMenu(h).text).toContain("Now: none (from none to 1440 min)");
    await h.press(h.owner, "−15 min");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: "Already at the lowest: none",
    });
  });

  it("when a value is typed, then a non-number and one out of range are refused and a valid one is saved, audited and shown", async () => {
    h = createHarness();
    await openAdmin(h, [...toCaptcha, "Cool-down: 5 min", "✏️ Type a value"]);
    expect(lastText()).toMatch(
      /^🧊 Captcha cool-down: send a whole number of seconds from 0 to 86400\. Now: 300\.\n/,
    );
    await h.say(h.owner, "ten");
    expect(lastText()).toBe("Send a whole number of seconds from 0 to 86400, like 10.");
    await h.say(h.owner, "86401");
    expect(lastText()).toBe("86401 is out of range: send a whole number of seconds from 0 to 86400.");
    expect(h.services.settings.get("captcha").cooldownSeconds).toBe(300);
    await h.say(h.owner, "90");
    expect(h.services.settings.get("captcha").cooldownSeconds).toBe(90);
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "settings.captcha",
      before: { cooldownSeconds: 300 },
      after: { cooldownSeconds: 90 },
    });
    expect(currentMenu(h).text).toContain("Now: 1 min 30 s");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons).toContain("Cool-down: 1 min 30 s");
  });

  it("when the admin loses admin rights while typing a value, then nothing is saved", async () => {
    h = createHarness();
    const helper = h.addUser({ first_name: "Helper" });
    h.services.admins.add(helper.id, ownerId, h.clock.now());
    await openAdmin(h, [...toCaptcha, "Attempts: 3", "✏️ Type a value"], helper);
    h.services.admins.remove(helper.id);
    await h.say(helper, "7");
    expect(h.services.settings.get("captcha").attempts).toBe(3);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when captcha is switched on in the menu, then a newcomer's next /start gets a challenge", async () => {
    h = createHarness();
    const ann = h.addUser();
    await openAdmin(h, toCaptcha);
    await h.press(h.owner, "❌ Captcha");
    await h.start(ann);
    expect(h.fake.inlineButtons(captchaMessage(h, ann))).toHaveLength(6);
    expect(h.record(ann)?.status).toBe("pending");
  });

  it("when the kind is math and attempts 1, then the challenge is a sum and one wrong answer starts the cool-down", async () => {
    h = createHarness();
    await openAdmin(h, toCaptcha);
    await h.press(h.owner, "❌ Captcha");
    await h.press(h.owner, "Kind: 😀 Emoji");
    await h.press(h.owner, "Attempts: 3");
    await h.press(h.owner, "−1");
    await h.press(h.owner, "−1");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "Cool-down: 5 min");
    await h.press(h.owner, "+15 min");
    const ann = h.addUser();
    await h.start(ann);
    expect(captchaMessage(h, ann).text).toMatch(/How much is \d \+ \d\?/);
    await answerCaptcha(h, ann, false);
    expect(h.fake.textsTo(ann.id).at(-1)).toBe("⏳ Too many wrong answers. Try again in 20 min.");
  });

  it("when the intro and passed texts are edited, then bad input is refused and newcomers see the new texts", async () => {
    h = createHarness();
    await openAdmin(h, toCaptcha);
    await h.press(h.owner, "❌ Captcha");
    await h.press(h.owner, "✏️ Intro text");
    expect(lastText()).toContain(adminTexts.captcha.askIntro);
    await h.say(h.owner, "  ");
    expect(lastText()).toBe(texts.admin.emptyText);
    await h.say(h.owner, "Prove you are a person");
    expect(h.services.settings.get("captcha").introText).toBe("Prove you are a person");
    expect(currentMenu(h).text).toContain("Prove you are a person");

    await h.press(h.owner, "✏️ Passed text");
    expect(lastText()).toContain(adminTexts.captcha.askPassed);
    await h.send(h.fake.updates.photo(h.owner));
    expect(lastText()).toBe(texts.admin.notText);
    await h.say(h.owner, "Well done");
    expect(h.services.settings.get("captcha").passedText).toBe("Well done");
    expect(auditActions().slice(0, 2)).toEqual(["settings.captcha", "settings.captcha"]);
    expect(h.services.audit.recent()[0]).toMatchObject({ after: { passedText: "Well done" } });

    const ann = h.addUser();
    await h.start(ann);
    expect(captchaMessage(h, ann).text).toMatch(/^Prove you are a person\n\nTap the /);
    await answerCaptcha(h, ann, true);
    expect(h.fake.textsTo(ann.id)).toContain("Well done");
  });

  it("when a non-admin replays the owner's captcha switch, then nothing changes", async () => {
    h = createHarness();
    await openAdmin(h, toCaptcha);
    const data = h.fake.findButton(ownerId, "❌ Captcha")?.button.callback_data as string;
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    await pressData(h, mallory, data);
    expect(h.services.settings.get("captcha").enabled).toBe(false);
    expect(h.services.audit.recent()).toHaveLength(0);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
  });
});

describe("admin menu: 📢 Subscription check", () => {
  it("when the page opens, then it shows the state, the prompt, the chats and every button", async () => {
    h = createHarness();
    h.services.requiredChats.add(
      { chatId: -1001, title: "First", joinUrl: "https://t.me/first_chat" },
      h.clock.now(),
    );
    await openAdmin(h, toJoinCheck);
    const menu = currentMenu(h);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(1);
    expect(menu.text).toContain(adminTexts.joinCheck.off);
    expect(menu.text).toContain(adminTexts.joinCheck.recheckOff);
    expect(menu.text).toContain(texts.joinCheck.prompt);
    expect(menu.text).toContain("1. First (-1001)");
    expect(menu.buttons).toEqual([
      "❌ Subscription check",
      "❌ Re-check every interaction",
      "🕑 Membership cache: 1 min",
      "📢 First",
      "➕ Add chat",
      "✏️ Prompt text",
      "🌐 Languages",
      "⬅ Back",
    ]);
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toBe(adminTexts.protection.title);
  });

  it("when re-check is set but the check is off, then the page says re-check is not in effect", async () => {
    h = createHarness({ settings: { joinCheck: { recheckEveryInteraction: true } } });
    await openAdmin(h, toJoinCheck);
    const menu = currentMenu(h);
    expect(menu.text).toContain(adminTexts.joinCheck.off);
    expect(menu.text).toContain("(applies when the check is on)");
    expect(menu.text).not.toContain(adminTexts.joinCheck.recheckOn);
    await h.press(h.owner, "❌ Subscription check");
    expect(currentMenu(h).text).toContain(adminTexts.joinCheck.recheckOn);
  });

  it("when the switches are pressed, then the settings, buttons and audit log follow", async () => {
    h = createHarness();
    await openAdmin(h, toJoinCheck);
    expect(currentMenu(h).text).toContain(adminTexts.joinCheck.noChats);
    await h.press(h.owner, "❌ Subscription check");
    await h.press(h.owner, "❌ Re-check every interaction");
    expect(h.services.settings.get("joinCheck")).toMatchObject({
      enabled: true,
      recheckEveryInteraction: true,
    });
    const menu = currentMenu(h);
    expect(menu.buttons.slice(0, 2)).toEqual(["✅ Subscription check", "✅ Re-check every interaction"]);
    expect(menu.text).toContain(adminTexts.joinCheck.on);
    expect(menu.text).toContain(adminTexts.joinCheck.recheckOn);
    expect(h.services.audit.recent()).toMatchObject([
      { action: "settings.joinCheck", after: { recheckEveryInteraction: true } },
      { action: "settings.joinCheck", after: { enabled: true } },
    ]);
  });

  it("when the membership cache is stepped down to none, then it is stored, audited and shown on the subscription-check page", async () => {
    h = createHarness();
    await openAdmin(h, [...toJoinCheck, "🕑 Membership cache: 1 min"]);
    expect(currentMenu(h).buttons).toEqual([
      "−1 min",
      "−10 s",
      "+10 s",
      "+1 min",
      "✏️ Type a value",
      "⬅ Back",
    ]);
    await h.press(h.owner, "−10 s");
    await h.press(h.owner, "−1 min");
    expect(h.services.settings.get("joinCheck").cacheSeconds).toBe(0);
    expect(currentMenu(h).text).toContain("Now: none (from none to 60 min)");
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "settings.joinCheck",
      before: { cacheSeconds: 50 },
      after: { cacheSeconds: 0 },
    });
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons).toContain("🕑 Membership cache: none");
  });

  it("when the prompt text is edited, then newcomers see it above the join buttons", async () => {
    h = createHarness({ settings: { joinCheck: { enabled: true } } });
    h.fake.addChat(news);
    h.services.requiredChats.add(
      { chatId: news.id, title: news.title, joinUrl: "https://t.me/usher_news" },
      h.clock.now(),
    );
    await openAdmin(h, toJoinCheck);
    await h.press(h.owner, "✏️ Prompt text");
    expect(lastText()).toContain(adminTexts.joinCheck.askPrompt);
    await h.say(h.owner, "x".repeat(4097));
    expect(lastText()).toMatch(/4097 characters/);
    await h.say(h.owner, "Join our news first:");
    expect(h.services.settings.get("joinCheck").promptText).toBe("Join our news first:");
    expect(currentMenu(h).text).toContain("Join our news first:");
    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe("Join our news first:");
  });

  it("when re-check is switched on in the menu, then a bot user who left loses access at once", async () => {
    h = createHarness({ settings: { joinCheck: { enabled: true } } });
    h.fake.addChat(news);
    h.services.requiredChats.add(
      { chatId: news.id, title: news.title, joinUrl: "https://t.me/usher_news" },
      h.clock.now(),
    );
    const ann = h.addUser();
    h.fake.setMembership(news.id, ann, "member");
    await h.start(ann);
    expect(h.record(ann)?.status).toBe("active");
    await h.send(h.fake.updates.chatMember(news.id as number, ann, "left"));
    await h.say(ann, "hello");
    expect(h.fake.lastMessageTo(ann.id)?.text).not.toBe(texts.joinCheck.prompt);

    await openAdmin(h, toJoinCheck);
    await h.press(h.owner, "❌ Re-check every interaction");
    await h.say(ann, "hello again");
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe(texts.joinCheck.prompt);
  });
});

describe("admin menu: ➕ Add chat", () => {
  it("when a post forwarded from a public channel is sent, then the channel is added with its public link and gated", async () => {
    h = createHarness();
    h.fake.addChat(news);
    await openAdmin(h, toJoinCheck);
    await h.press(h.owner, "❌ Subscription check");
    await h.press(h.owner, "➕ Add chat");
    expect(lastText()).toContain(fillTemplate(adminTexts.addChat.ask, { bot }));
    await h.send(forwardedFrom(channelOrigin(news)));
    expect(h.services.requiredChats.list()).toMatchObject([
      { chatId: news.id, title: "Usher News", joinUrl: "https://t.me/usher_news" },
    ]);
    expect(h.fake.textsTo(ownerId).at(-2)).toBe("✅ Added “Usher News”.");
    expect(currentMenu(h).buttons).toContain("📢 Usher News");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "joinCheck.addChat",
      before: null,
      after: { chatId: news.id, title: "Usher News" },
    });

    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.inlineButtons(h.fake.lastMessageTo(ann.id))[0]).toEqual({
      text: "Usher News",
      url: "https://t.me/usher_news",
    });
  });

  it("when @username, t.me/username, https://t.me/username or the id is sent, then each is added", async () => {
    h = createHarness();
    const refs = [
      { chat: { ...news, id: -1001, username: "first_news" }, text: "@first_news" },
      { chat: { ...news, id: -1002, username: "second_news" }, text: "t.me/second_news" },
      { chat: { ...news, id: -1003, username: "third_news" }, text: "https://t.me/third_news/15" },
      { chat: { ...news, id: -1004, username: "fourth_news" }, text: "-1004" },
    ];
    for (const { chat, text } of refs) {
      h.fake.addChat(chat);
      await startAddChat();
      await h.say(h.owner, text);
    }
    expect(h.services.requiredChats.list().map((c) => [c.chatId, c.joinUrl])).toEqual([
      [-1001, "https://t.me/first_news"],
      [-1002, "https://t.me/second_news"],
      [-1003, "https://t.me/third_news"],
      [-1004, "https://t.me/fourth_news"],
    ]);
    expect(auditActions()).toEqual(Array(4).fill("joinCheck.addChat"));
  });

  it("when a group message forwarded from the group's anonymous admin is sent, then the group is added", async () => {
    h = createHarness();
    h.fake.addChat({ ...talk, inviteLink: "https://t.me/+talkLink" });
    await startAddChat();
    await h.send(
      forwardedFrom({
        type: "chat",
        sender_chat: { id: talk.id, type: "supergroup", title: talk.title },
        date: 1,
      }),
    );
    expect(h.services.requiredChats.list()).toMatchObject([
      { chatId: talk.id, title: "Usher Talk", joinUrl: "https://t.me/+talkLink" },
    ]);
  });

  it("when a private channel has no invite link yet, then the bot creates one without revoking any", async () => {
    h = createHarness();
    h.fake.addChat(secret);
    await startAddChat();
    await h.say(h.owner, String(secret.id));
    const [chat] = h.services.requiredChats.list();
    expect(chat?.joinUrl).toMatch(/^https:\/\/t\.me\/\+fake/);
    expect(h.fake.callsOf("createChatInviteLink")).toHaveLength(1);
    expect(h.fake.callsOf("exportChatInviteLink")).toHaveLength(0);
  });

  it("when no join link can be had, then the admin is asked for one and a non-link is refused", async () => {
    h = createHarness();
    h.fake.addChat(secret);
    h.fake.failNext("createChatInviteLink", {
      error_code: 400,
      description: "Bad Request: not enough rights to manage chat invite link",
    });
    await startAddChat();
    await h.say(h.owner, String(secret.id));
    expect(lastText()).toContain(fillTemplate(adminTexts.addChat.askJoinLink, { title: "Secret Channel" }));
    expect(h.services.requiredChats.list()).toHaveLength(0);
    await h.say(h.owner, "https://example.com/join");
    expect(lastText()).toBe(adminTexts.addChat.badJoinLink);
    await h.say(h.owner, "t.me/+SecretInvite42");
    expect(h.services.requiredChats.list()).toMatchObject([
      { chatId: secret.id, joinUrl: "https://t.me/+SecretInvite42" },
    ]);
  });

  it("when the bot restarts while waiting for the join link, then the chat is still added once", async () => {
    h = createHarness();
    h.fake.addChat(secret);
    h.fake.failNext("createChatInviteLink", {
      error_code: 400,
      description: "Bad Request: not enough rights to manage chat invite link",
    });
    await startAddChat();
    await h.say(h.owner, String(secret.id));
    h.restart();
    await h.say(h.owner, "https://t.me/+SecretInvite42");
    expect(h.services.requiredChats.list()).toMatchObject([{ chatId: secret.id, title: "Secret Channel" }]);
    expect(h.fake.callsOf("getChat")).toHaveLength(1);
    expect(auditActions()).toEqual(["joinCheck.addChat"]);
  });

  it("when the bot is not an administrator of the channel or group, then it says exactly what to fix and adds nothing", async () => {
    h = createHarness();
    h.fake.addChat({ ...news, botIsAdmin: false });
    h.fake.addChat({ ...talk, username: "usher_talk", botIsAdmin: false });
    await startAddChat();
    await h.say(h.owner, "@usher_news");
    expect(lastText()).toBe(
      `I am not an administrator of “Usher News”. Make @${bot} an administrator of Usher News, then send the chat again.`,
    );
    await h.say(h.owner, "@usher_talk");
    expect(lastText()).toBe(fillTemplate(adminTexts.addChat.botNotAdmin, { bot, title: "Usher Talk" }));
    expect(h.services.requiredChats.list()).toHaveLength(0);
    expect(h.services.audit.recent()).toHaveLength(0);

    (h.fake.chat(news.id) as { botIsAdmin: boolean }).botIsAdmin = true;
    await h.say(h.owner, "@usher_news");
    expect(h.services.requiredChats.list().map((c) => c.chatId)).toEqual([news.id]);
  });

  it("when the chat is unknown to Telegram, then the admin is told to add the bot as administrator first", async () => {
    h = createHarness();
    await startAddChat();
    await h.say(h.owner, "@no_such_channel");
    expect(lastText()).toBe(
      `I can't find that chat. Add @${bot} to the chat as an administrator, then send it again.`,
    );
    await h.say(h.owner, "-1009999999999");
    expect(lastText()).toBe(fillTemplate(adminTexts.addChat.notFound, { bot }));
    h.fake.failNext("getChat", { error_code: 400, description: "Bad Request: something unexpected" });
    await h.say(h.owner, "@usher_news");
    expect(lastText()).toBe(
      fillTemplate(adminTexts.addChat.failed, { description: "Bad Request: something unexpected" }),
    );
    expect(h.services.requiredChats.list()).toHaveLength(0);
  });

  it("when the chat is already in the list, then it is refused as a duplicate", async () => {
    h = createHarness();
    h.fake.addChat(news);
    h.services.requiredChats.add(
      { chatId: news.id, title: news.title, joinUrl: "https://t.me/x_y_z" },
      h.clock.now(),
    );
    await startAddChat();
    await h.say(h.owner, "https://t.me/usher_news");
    expect(lastText()).toBe(fillTemplate(adminTexts.addChat.duplicate, { title: "Usher News" }));
    expect(h.services.requiredChats.list()).toMatchObject([{ joinUrl: "https://t.me/x_y_z" }]);
    expect(h.services.audit.recent()).toHaveLength(0);
  });

  it("when a private invite link, a person's id or forward, or nonsense is sent, then each is explained and asked again", async () => {
    h = createHarness();
    h.fake.addChat(news);
    await startAddChat();
    await h.say(h.owner, "https://t.me/+AbCdEf123");
    expect(lastText()).toBe(adminTexts.addChat.privateInvite);
    await h.say(h.owner, "123456789");
    expect(lastText()).toBe(adminTexts.addChat.userId);
    await h.send(h.fake.updates.forwarded(h.owner, h.addUser({ first_name: "Zed" })));
    expect(lastText()).toBe(adminTexts.addChat.forwardedFromUser);
    await h.say(h.owner, "my channel please");
    expect(lastText()).toBe(adminTexts.addChat.unrecognized);
    expect(h.fake.callsOf("getChat")).toHaveLength(0);
    await h.say(h.owner, "@usher_news");
    expect(h.services.requiredChats.list()).toHaveLength(1);
  });

  it("when /cancel is sent, then nothing is added", async () => {
    h = createHarness();
    h.fake.addChat(news);
    await startAddChat();
    await h.say(h.owner, "/cancel");
    expect(lastText()).toBe(texts.admin.cancelled);
    await h.say(h.owner, "@usher_news");
    expect(h.services.requiredChats.list()).toHaveLength(0);
  });

  it("when the admin loses admin rights mid-input, then the chat is not looked up or added", async () => {
    h = createHarness();
    h.fake.addChat(news);
    const helper = h.addUser({ first_name: "Helper" });
    h.services.admins.add(helper.id, ownerId, h.clock.now());
    await openAdmin(h, toJoinCheck, helper);
    await h.press(helper, "➕ Add chat");
    h.services.admins.remove(helper.id);
    await h.say(helper, "@usher_news");
    expect(h.services.requiredChats.list()).toHaveLength(0);
    expect(h.fake.callsOf("getChat")).toHaveLength(0);
  });
});

describe("admin menu: removing a required chat", () => {
  function withTwoChats() {
    h = createHarness({ settings: { joinCheck: { enabled: true } } });
    for (const chat of [news, talk]) {
      h.fake.addChat(chat);
      h.services.requiredChats.add(
        { chatId: chat.id, title: chat.title, joinUrl: `https://t.me/+${-chat.id}` },
        h.clock.now(),
      );
    }
  }

  it("when a chat is opened, removed and confirmed, then the list and the gate drop it and the audit log has it", async () => {
    withTwoChats();
    await openAdmin(h, toJoinCheck);
    await h.press(h.owner, "📢 Usher News");
    expect(currentMenu(h).text).toBe(`📢 Usher News\n\nId: ${news.id}\nJoin link: https://t.me/+${-news.id}`);
    expect(currentMenu(h).buttons).toEqual(["🗑 Remove", "⬅ Back"]);
    await h.press(h.owner, "🗑 Remove");
    expect(currentMenu(h).text).toContain("Remove “Usher News” from the required chats?");
    expect(currentMenu(h).buttons).toEqual(["🗑 Yes, remove", "✖ Cancel"]);
    for (const button of h.fake.inlineButtons(currentMenu(h).message)) {
      expect(Buffer.byteLength(button.callback_data ?? "")).toBeLessThanOrEqual(64);
    }
    await h.press(h.owner, "✖ Cancel");
    expect(currentMenu(h).text).toContain("Id: -1001234567890");
    expect(h.services.requiredChats.list()).toHaveLength(2);
    await h.press(h.owner, "🗑 Remove");
    await h.press(h.owner, "🗑 Yes, remove");

    expect(h.fake.messagesTo(ownerId)).toHaveLength(1);
    expect(h.services.requiredChats.list().map((c) => c.chatId)).toEqual([talk.id]);
    expect(currentMenu(h).buttons).not.toContain("📢 Usher News");
    expect(currentMenu(h).text).not.toContain("Usher News");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "joinCheck.removeChat",
      before: { chatId: news.id, title: "Usher News" },
    });
    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.inlineButtons(h.fake.lastMessageTo(ann.id)).map((b) => b.text)).toEqual([
      "Usher Talk",
      texts.joinCheck.joinedButton,
    ]);
  });

  it("when the detail page's Back is pressed, then the list shows again", async () => {
    withTwoChats();
    await openAdmin(h, [...toJoinCheck, "📢 Usher Talk", "⬅ Back"]);
    expect(currentMenu(h).buttons).toContain("📢 Usher Talk");
    expect(h.services.requiredChats.list()).toHaveLength(2);
  });

  it("when a remove press is forged for a chat not in the list, then nothing is removed or logged", async () => {
    withTwoChats();
    await openAdmin(h, [...toJoinCheck, "📢 Usher News", "🗑 Remove"]);
    const forged = ["-1", "abc", ""].map((payload) => withPayload("🗑 Yes, remove", payload));
    await pressData(h, h.owner, withPayload("🗑 Yes, remove", String(secret.id)));
    expect(currentMenu(h).buttons).toContain("➕ Add chat");
    for (const data of forged) await pressData(h, h.owner, data);
    expect(h.services.requiredChats.list()).toHaveLength(2);
    expect(h.services.audit.recent()).toHaveLength(0);
    await openAdmin(h, [...toJoinCheck, "📢 Usher News"]);
    await pressData(h, h.owner, withPayload("🗑 Remove", String(secret.id)));
    expect(currentMenu(h).text).not.toContain("Remove “");
    expect(h.services.requiredChats.list()).toHaveLength(2);
  });

  it("when a chat was removed meanwhile, then its stale detail page says so and removing again changes nothing", async () => {
    withTwoChats();
    await openAdmin(h, [...toJoinCheck, "📢 Usher News", "🗑 Remove"]);
    h.services.requiredChats.remove(news.id);
    await h.press(h.owner, "🗑 Yes, remove");
    expect(h.services.audit.recent()).toHaveLength(0);
    expect(currentMenu(h).buttons).not.toContain("📢 Usher News");
  });

  it("when a non-admin replays the owner's confirm press, then nothing is removed and they get nothing", async () => {
    withTwoChats();
    await openAdmin(h, [...toJoinCheck, "📢 Usher News", "🗑 Remove"]);
    const data = h.fake.findButton(ownerId, "🗑 Yes, remove")?.button.callback_data as string;
    const mallory = h.addUser({ first_name: "Mallory" });
    h.fake.setMembership(news.id, mallory, "member");
    h.fake.setMembership(talk.id, mallory, "member");
    await h.start(mallory);
    const before = h.fake.messagesTo(mallory.id).length;
    await pressData(h, mallory, data);
    expect(h.services.requiredChats.list()).toHaveLength(2);
    expect(h.services.audit.recent()).toHaveLength(0);
    expect(h.fake.messagesTo(mallory.id)).toHaveLength(before);
  });
});
