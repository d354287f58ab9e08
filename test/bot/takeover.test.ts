import type { Message, Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { pauseFor } from "../../src/features/users/takeover/pause.js";
import { TakeoverRepository } from "../../src/features/users/takeover/takeover-repository.js";
import { createHarness, type Harness, type HarnessOptions } from "../support/bot-harness.js";
import type { SimUser, TranscriptMessage } from "../support/fake-telegram/index.js";
import { describe as describeMessage } from "../support/fake-telegram/messages.js";
import { toUser, type World } from "../support/fake-telegram/world.js";

let h: Harness;
let takeover: TakeoverRepository;
afterEach(() => h.close());

const minute = 60_000;
const supportChatId = -100_555;

function setup(options: HarnessOptions = {}) {
  h = createHarness({ ...options, settings: { newUserAlerts: { enabled: false }, ...options.settings } });
  takeover = new TakeoverRepository(h.services.db);
}

async function pausedUser(input: Parameters<Harness["addUser"]>[0] = {}, minutes = 10): Promise<SimUser> {
  const user = h.addUser({ username: "ann", ...input });
  await h.start(user);
  takeover.pauseUser(user.id, pauseFor(minutes, h.clock.now()), h.clock.now());
  return user;
}

/** An admin's private-chat message replying to `target`, as Telegram sends it. */
function privateReply(admin: SimUser, target: TranscriptMessage, text: string): Update {
  const update = h.fake.updates.text(admin, text);
  (update.message as Message).reply_to_message = target.message as Message & { reply_to_message: undefined };
  return update;
}

let groupUpdateId = 800_000;
/**
 * A message in a group from `sender`, replying to `target`. The fake has no group-message factory,
 * so this reaches into its world to record the message where copyMessage will look for it.
 */
function groupReply(chatId: number, sender: SimUser, target: TranscriptMessage, text: string): Update {
  const world = (h.fake as unknown as { world: World }).world;
  const chat = world.chat(chatId);
  if (!chat) throw new Error(`no chat ${chatId}`);
  const lastId = Math.max(0, ...world.transcript(chatId).map((m) => m.message_id));
  const message = {
    message_id: lastId + 1,
    date: world.seconds(),
    chat: world.groupChat(chat),
    from: toUser(sender),
    text,
    reply_to_message: target.message as Message & { reply_to_message: undefined },
  } as Message;
  world.store(describeMessage(message, "user"));
  groupUpdateId += 1;
  return { update_id: groupUpdateId, message: message as NonNullable<Update["message"]> };
}

const messagesIn = (chatId: number) => h.fake.messagesTo(chatId);

describe("pause bot with the support relay", () => {
  it("when a user is paused, then their messages reach each admin after one card, the admin's reply reaches them, and the pause ends on time", async () => {
    setup();
    const ann = await pausedUser({ first_name: "Ann", last_name: "Lee" });
    h.services.users.setPhone(ann.id, "+60123456789");
    const welcomeCount = h.fake.textsTo(ann.id).length;

    await h.say(ann, "I need a human");
    await h.send(h.fake.updates.photo(ann, { caption: "see this" }));
    await h.start(ann);

    expect(h.fake.textsTo(ann.id)).toHaveLength(welcomeCount);
    const [card, ...relayed] = messagesIn(h.owner.id);
    expect(card?.text).toBe(
      `⏸ Bot paused for Ann Lee\nid ${ann.id} · @ann\n📞 +60123456789\n\n` +
        "Their messages follow. Reply to any of them to answer as the bot.",
    );
    expect(relayed.map((m) => m.text ?? `${m.kind}: ${m.caption}`)).toEqual([
      "I need a human",
      "photo: see this",
      "/start",
    ]);
    expect(relayed.every((m) => m.message.reply_to_message?.message_id === card?.message_id)).toBe(true);

    await h.send(privateReply(h.owner, relayed[1] as TranscriptMessage, "Thanks, we are looking into it."));
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe("Thanks, we are looking into it.");
    expect(h.fake.lastMessageTo(h.owner.id)?.text).toBe("✅ Sent to Ann Lee.");

    h.clock.advance(10 * minute + 1);
    await h.start(ann);
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe("Welcome, Ann! 👋");
    expect(messagesIn(h.owner.id)).toHaveLength(5);
  });

  it("when an admin replies to the card itself, then that reaches the user too", async () => {
    setup();
    const ann = await pausedUser();
    await h.say(ann, "hello?");
    const card = messagesIn(h.owner.id)[0] as TranscriptMessage;
    await h.send(privateReply(h.owner, card, "Hi Ann"));
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe("Hi Ann");
  });

  it("when paused until resumed, then a year later the bot is still quiet, and Resume brings it back", async () => {
    setup();
    const ann = await pausedUser();
    takeover.pauseUser(ann.id, "until resumed", h.clock.now());
    const before = h.fake.textsTo(ann.id).length;
    h.clock.advance(365 * 24 * 60 * minute);
    await h.start(ann);
    expect(h.fake.textsTo(ann.id)).toHaveLength(before);
    expect(messagesIn(h.owner.id).map((m) => m.text)).toEqual([
      expect.stringContaining("⏸ Bot paused"),
      "/start",
    ]);

    expect(takeover.resumeUser(ann.id)).toBe(true);
    await h.start(ann);
    expect(h.fake.textsTo(ann.id)).toHaveLength(before + 1);
  });

  it("when a pause ends and a new one starts, then the admins get a fresh card; extending a pause does not", async () => {
    setup();
    const ann = await pausedUser();
    await h.say(ann, "one");
    takeover.pauseUser(ann.id, pauseFor(30, h.clock.now()), h.clock.now());
    await h.say(ann, "two");
    h.clock.advance(31 * minute);
    takeover.pauseUser(ann.id, pauseFor(10, h.clock.now()), h.clock.now());
    await h.say(ann, "three");
    const cards = messagesIn(h.owner.id).filter((m) => m.text?.startsWith("⏸"));
    expect(cards).toHaveLength(2);
  });

  it("when a paused user presses a button, then the press is answered and nothing else happens", async () => {
    setup({ settings: { captcha: { enabled: true } } });
    const ann = h.addUser();
    await h.start(ann);
    takeover.pauseUser(ann.id, "until resumed", h.clock.now());
    const before = h.fake.messagesTo(ann.id).length;
    await h.press(ann, /./);
    expect(h.fake.callsOf("answerCallbackQuery")).toHaveLength(1);
    expect(h.fake.messagesTo(ann.id)).toHaveLength(before);
    expect(messagesIn(h.owner.id)).toEqual([]);
  });

  it("when there are several admins and no support chat, then each gets the card and messages", async () => {
    setup();
    const pat = h.addUser({ first_name: "Pat" });
    await h.start(pat);
    h.services.admins.add(pat.id, h.owner.id, h.clock.now());
    const ann = await pausedUser({ first_name: "\u3164" });
    await h.say(ann, "anyone?");

    for (const admin of [h.owner, pat]) {
      const texts = h.fake.textsTo(admin.id).filter((t) => !t.startsWith("Welcome"));
      expect(texts).toEqual([
        expect.stringMatching(/^⏸ Bot paused for Dear User\nid \d+ · @ann\n\n/),
        "anyone?",
      ]);
    }
  });

  it("when a support chat is set, then messages go there, an admin's reply there reaches the user, and a member's does not", async () => {
    setup({ settings: { users: { supportChatId } } });
    h.fake.addChat({ id: supportChatId, type: "supergroup", title: "Support" });
    const member = h.addUser({ first_name: "Mel" });
    const ann = await pausedUser({ first_name: "Ann" });
    h.services.users.setEmail(ann.id, "ann@example.com");
    await h.say(ann, "help");

    expect(messagesIn(h.owner.id)).toEqual([]);
    const [card, relayed] = messagesIn(supportChatId);
    expect(card?.text).toContain("✉️ ann@example.com");
    expect(relayed?.text).toBe("help");

    await h.send(groupReply(supportChatId, member, relayed as TranscriptMessage, "I am not an admin"));
    expect(h.fake.textsTo(ann.id)).not.toContain("I am not an admin");

    await h.send(groupReply(supportChatId, h.owner, relayed as TranscriptMessage, "On it!"));
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe("On it!");
    expect(h.fake.lastMessageTo(supportChatId)?.text).toBe("✅ Sent to Ann.");
  });

  it("when an admin replies to a message that was not relayed, then nothing is sent to anyone", async () => {
    setup({ settings: { users: { supportChatId } } });
    h.fake.addChat({ id: supportChatId, type: "supergroup", title: "Support" });
    await h.start(h.owner);
    const ann = await pausedUser();
    await h.say(ann, "help");
    const annBefore = h.fake.messagesTo(ann.id).length;
    await h.send(h.fake.updates.command(h.owner, "admin"));
    const menu = h.fake.lastMessageTo(h.owner.id) as TranscriptMessage;
    const ownerBefore = h.fake.messagesTo(h.owner.id).length;

    await h.send(privateReply(h.owner, menu, "not for Ann"));
    await h.bot.api.sendMessage(supportChatId, "The support shift starts now.");
    const notice = h.fake.lastMessageTo(supportChatId) as TranscriptMessage;
    await h.send(groupReply(supportChatId, h.owner, notice, "nor this"));

    expect(h.fake.messagesTo(ann.id)).toHaveLength(annBefore);
    expect(h.fake.messagesTo(h.owner.id)).toHaveLength(ownerBefore);
    expect(h.fake.textsTo(supportChatId).filter((t) => t.startsWith("✅"))).toEqual([]);
  });

  it("when the user has blocked the bot, then the admin is told and the user is marked dead", async () => {
    setup();
    const ann = await pausedUser({ first_name: "Ann" });
    await h.say(ann, "bye");
    h.fake.setUserState(ann, "blocked");
    const relayed = messagesIn(h.owner.id)[1] as TranscriptMessage;
    await h.send(privateReply(h.owner, relayed, "Are you there?"));
    expect(h.fake.lastMessageTo(h.owner.id)?.text).toBe("❌ Not delivered: Ann has blocked the bot.");
    expect(h.record(ann)?.deadReason).toBe("blocked");
  });

  it("when an admin is paused, then the bot still answers them", async () => {
    setup();
    await h.start(h.owner);
    takeover.pauseUser(h.owner.id, "until resumed", h.clock.now());
    await h.send(h.fake.updates.command(h.owner, "admin"));
    expect(h.fake.lastMessageTo(h.owner.id)?.text).toContain("🔐 Admin");
  });

  it("when an imported contact or an unknown id is paused, then nothing is stored", () => {
    setup();
    expect(takeover.pauseUser(-5, "until resumed", h.clock.now())).toBeUndefined();
    expect(takeover.pauseUser(123, "until resumed", h.clock.now())).toBeUndefined();
  });
});
