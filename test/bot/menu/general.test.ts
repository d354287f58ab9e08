import type { Message, MessageOrigin, Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { texts as shared } from "../../../src/texts/bot.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const lastText = () => h.fake.textsTo(ownerId).at(-1);

const support = { id: -1004444444444, type: "supergroup" as const, title: "Support Desk", botIsAdmin: false };
const news = { id: -1005555555555, type: "channel" as const, title: "News", username: "usher_news_ch" };

/** A message the owner forwards from a channel, as Telegram builds it (the fake forwards only from people). */
function forwardedFromChannel(chat: { id: number; title: string }): Update {
  const update = h.fake.updates.forwarded(h.owner, h.owner, "A post");
  const origin: MessageOrigin = {
    type: "channel",
    chat: { id: chat.id, type: "channel", title: chat.title },
    message_id: 7,
    date: 0,
  };
  (update.message as Message).forward_origin = origin;
  return update;
}

describe("admin menu: general", () => {
  it("when the owner opens ⚙️ General from the root, then it shows the Dear User name, session and pause lengths and the support chat", async () => {
    h = createHarness();
    await openAdmin(h, ["⚙️ General"]);
    const page = currentMenu(h);
    expect(page.text).toContain("Dear User name: Dear User");
    expect(page.text).toContain("Session length: 10 min");
    expect(page.text).toContain("Pause length: 10 min");
    expect(page.text).toContain(
      "Support chat: none, a paused user's messages go to each admin's private chat",
    );
    expect(page.buttons).toEqual([
      "✏️ Dear User name",
      "🌐 Languages",
      "⏱ Session length: 10 min",
      "⏸ Pause length: 10 min",
      "💬 Support chat",
      "⬅ Back",
    ]);
    expect(page.message.edited).toBe(true);
  });

  it("when the Dear User name is typed, then a blank or over-long one is refused and a valid one is stored, audited and used", async () => {
    h = createHarness();
    await openAdmin(h, ["⚙️ General", "✏️ Dear User name"]);
    expect(lastText()).toMatch(/^Send the new Dear User name/);
    await h.say(h.owner, "   ");
    expect(lastText()).toBe(shared.admin.emptyText);
    await h.say(h.owner, "x".repeat(4097));
    expect(lastText()).toMatch(/4097 characters/);
    await h.send(h.fake.updates.photo(h.owner));
    expect(lastText()).toBe(shared.admin.notText);
    expect(h.services.audit.count()).toBe(0);
    await h.say(h.owner, "  Friend ");
    expect(h.services.settings.get("general").dearUserName).toBe("Friend");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "settings.general",
      before: { dearUserName: "Dear User" },
      after: { dearUserName: "Friend" },
    });
    expect(currentMenu(h).text).toContain("Dear User name: Friend");
    const nameless = h.addUser({ first_name: "" });
    await h.start(nameless);
    expect(h.fake.textsTo(nameless.id)[0]).toBe("Welcome, Friend! 👋");
  });

  it("when the session length is typed, then non-numbers and numbers outside 1–1440 are refused and a valid one is stored and audited", async () => {
    h = createHarness();
    await openAdmin(h, ["⚙️ General", "⏱ Session length: 10 min"]);
    expect(currentMenu(h).text).toBe(
      "⏱ Session length\nA user's session ends after this many minutes without activity.\n\nNow: 10 min (from 1 min to 1440 min)",
    );
    expect(currentMenu(h).buttons).toEqual([
      "−10 min",
      "−1 min",
      "+1 min",
      "+10 min",
      "✏️ Type a value",
      "⬅ Back",
    ]);
    await h.press(h.owner, "✏️ Type a value");
    expect(lastText()).toMatch(
      /^⏱ Session length: send a whole number of minutes from 1 to 1440\. Now: 10\./,
    );
    for (const wrong of ["ten", "2.5", "", "1e3"]) {
      await h.say(h.owner, wrong || " ");
      expect(lastText()).toBe("Send a whole number of minutes from 1 to 1440, like 10.");
    }
    await h.say(h.owner, "0");
    expect(lastText()).toBe("0 is out of range: send a whole number of minutes from 1 to 1440.");
    await h.say(h.owner, "1441");
    expect(lastText()).toBe("1441 is out of range: send a whole number of minutes from 1 to 1440.");
    await h.say(h.owner, "-5");
    expect(lastText()).toBe("-5 is out of range: send a whole number of minutes from 1 to 1440.");
    expect(h.services.audit.count()).toBe(0);
    await h.say(h.owner, "1440");
    expect(h.services.settings.get("users").sessionTimeoutMinutes).toBe(1440);
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "settings.users",
      before: { sessionTimeoutMinutes: 10 },
      after: { sessionTimeoutMinutes: 1440 },
    });
    expect(currentMenu(h).text).toContain("Now: 1440 min");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons[2]).toBe("⏱ Session length: 1440 min");
  });

  it("when the pause length is stepped with − / + and typed, then a number above 10080 is refused and 10080 is stored and audited", async () => {
    h = createHarness();
    await openAdmin(h, ["⚙️ General", "⏸ Pause length: 10 min"]);
    await h.press(h.owner, "+60 min");
    await h.press(h.owner, "−5 min");
    expect(h.services.settings.get("users").pauseMinutes).toBe(65);
    expect(currentMenu(h).text).toContain("Now: 65 min (from 1 min to 10080 min)");
    await h.press(h.owner, "✏️ Type a value");
    expect(lastText()).toMatch(/^⏸ Pause length: send a whole number of minutes from 1 to 10080\. Now: 65\./);
    await h.say(h.owner, "10081");
    expect(lastText()).toBe("10081 is out of range: send a whole number of minutes from 1 to 10080.");
    await h.say(h.owner, "10080");
    expect(h.services.settings.get("users")).toMatchObject({
      pauseMinutes: 10080,
      sessionTimeoutMinutes: 10,
    });
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "settings.users",
      before: { pauseMinutes: 65 },
      after: { pauseMinutes: 10080 },
    });
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("Pause length: 10080 min");
    expect(currentMenu(h).buttons[3]).toBe("⏸ Pause length: 10080 min");
  });

  it("when an admin loses their rights while typing a length, then nothing is stored", async () => {
    h = createHarness();
    const ada = h.addUser({ first_name: "Ada" });
    await h.start(ada);
    h.services.admins.add(ada.id, ownerId, h.clock.now());
    await openAdmin(h, ["⚙️ General", "⏸ Pause length: 10 min", "✏️ Type a value"], ada);
    h.services.admins.remove(ada.id);
    await h.say(ada, "60");
    expect(h.services.settings.get("users").pauseMinutes).toBe(10);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when the support chat is chosen, then unusable chats are refused with what to fix and a group the bot can post in is stored and audited", async () => {
    h = createHarness();
    h.fake.addChat(support);
    h.fake.addChat({ ...news, botIsAdmin: false });
    await openAdmin(h, ["⚙️ General", "💬 Support chat"]);
    expect(lastText()).toMatch(/^Send the chat a paused user's messages should go to/);
    await h.send(h.fake.updates.forwarded(h.owner, h.owner, "hi"));
    expect(lastText()).toMatch(/^That message was forwarded from a person/);
    await h.say(h.owner, String(ownerId));
    expect(lastText()).toMatch(/^That id is a person's/);
    await h.say(h.owner, "@nobody_here");
    expect(lastText()).toMatch(/^I can't find that chat\. Add @\w+ to it/);
    await h.send(forwardedFromChannel(news));
    expect(lastText()).toMatch(/^I can't post in “News”\./);
    expect(h.services.audit.count()).toBe(0);
    await h.say(h.owner, String(support.id));
    expect(h.services.settings.get("users").supportChatId).toBe(support.id);
    expect(h.fake.textsTo(ownerId).at(-2)).toBe(
      `Saved. A paused user's messages now go to “Support Desk” (${support.id}).`,
    );
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "settings.users",
      before: { supportChatId: null },
      after: { supportChatId: support.id },
    });
    expect(currentMenu(h).text).toContain(`Support chat: ${support.id}`);

    await h.press(h.owner, "↩ Relay to admins' private chats");
    expect(h.services.settings.get("users").supportChatId).toBeNull();
    expect(h.services.audit.recent()[0]).toMatchObject({ after: { supportChatId: null } });
    expect(currentMenu(h).buttons).not.toContain("↩ Relay to admins' private chats");
  });

  it("when a channel is chosen where the bot is an administrator, then it is accepted from a forwarded post", async () => {
    h = createHarness();
    h.fake.addChat(news);
    await openAdmin(h, ["⚙️ General", "💬 Support chat"]);
    await h.send(forwardedFromChannel(news));
    expect(h.services.settings.get("users").supportChatId).toBe(news.id);
  });

  it("when an admin loses their rights while typing the name, then nothing is stored", async () => {
    h = createHarness();
    const ada = h.addUser({ first_name: "Ada" });
    await h.start(ada);
    h.services.admins.add(ada.id, ownerId, h.clock.now());
    await openAdmin(h, ["⚙️ General", "✏️ Dear User name"], ada);
    h.services.admins.remove(ada.id);
    await h.say(ada, "Friend");
    expect(h.services.settings.get("general").dearUserName).toBe("Dear User");
    expect(h.services.audit.count()).toBe(0);
  });

  it("when a non-admin replays the owner's presses and types, then nothing changes and they get nothing", async () => {
    h = createHarness();
    h.fake.addChat(support);
    h.services.settings.update("users", { supportChatId: support.id });
    await openAdmin(h, ["⚙️ General"]);
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    const labels = currentMenu(h).buttons.filter((label) => label !== "⬅ Back");
    for (const label of labels) {
      const data = h.fake.findButton(ownerId, label)?.button.callback_data as string;
      await pressData(h, mallory, data);
      await h.say(mallory, "5");
      await h.say(mallory, String(support.id));
    }
    expect(h.services.settings.get("general").dearUserName).toBe("Dear User");
    expect(h.services.settings.get("users")).toEqual({
      sessionTimeoutMinutes: 10,
      pauseMinutes: 10,
      supportChatId: support.id,
      listFields: [],
    });
    expect(h.services.audit.count()).toBe(0);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
  });
});
