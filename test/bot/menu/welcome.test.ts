import { afterEach, describe, expect, it } from "vitest";
import { texts } from "../../../src/texts/bot.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

describe("admin menu: welcome message", () => {
  it("when a formatted text with templates is set, then newcomers get it filled in, formatting kept", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "✏️ Set message"]);
    const update = h.fake.updates.text(h.owner, "Hi {first_name}, glad you came!");
    const message = update.message;
    if (!message) throw new Error("no message");
    message.entities = [{ type: "bold", offset: 0, length: 15 }];
    await h.send(update);
    expect(h.services.settings.get("welcome").content).toEqual({
      type: "text",
      text: "Hi {first_name}, glad you came!",
      entities: [{ type: "bold", offset: 0, length: 15 }],
    });
    expect(currentMenu(h).text).toContain("Hi {first_name}, glad you came!");

    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    const welcome = h.fake.lastMessageTo(ann.id);
    expect(welcome?.text).toBe("Hi Ann, glad you came!");
    expect(welcome?.message.entities).toEqual([{ type: "bold", offset: 0, length: 6 }]);
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "settings.welcome", actorId: ownerId });
  });

  it("when a photo is set, then newcomers get a copy of it", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "✏️ Set message"]);
    const photo = h.fake.updates.photo(h.owner, { caption: "Welcome aboard" });
    await h.send(photo);
    expect(h.services.settings.get("welcome").content).toEqual({
      type: "copy",
      fromChatId: ownerId,
      messageId: photo.message?.message_id,
    });
    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.lastMessageTo(ann.id)).toMatchObject({ kind: "photo", caption: "Welcome aboard" });
  });

  it("when preview is pressed, then the admin receives the welcome filled in for them", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "👁 Preview"]);
    expect(h.fake.textsTo(ownerId).at(-1)).toBe("Welcome, Owner! 👋");
  });

  it("when the welcome is switched off, then /start gets no welcome and admins still get the 🔐Admin button", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "✅ Welcome message"]);
    expect(currentMenu(h).buttons[0]).toBe("❌ Welcome message");
    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.textsTo(ann.id)).toEqual([]);
    await h.start(h.owner);
    expect(h.fake.lastMessageTo(ownerId)?.text).toBe(texts.admin.keyboardHint);
  });

  it("when an admin presses /start, then the welcome carries the 🔐Admin reply keyboard that opens the menu", async () => {
    h = createHarness();
    await h.start(h.owner);
    expect(h.fake.lastMessageTo(ownerId)?.reply_markup).toMatchObject({ keyboard: [[{ text: "🔐Admin" }]] });
    await h.say(h.owner, "🔐Admin");
    expect(currentMenu(h).text).toBe(texts.admin.rootTitle);
    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.lastMessageTo(ann.id)?.reply_markup).toBeUndefined();
    await h.say(ann, "🔐Admin");
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
  });

  it("when /admin is typed while the welcome is asked for, then the input is left, the menu opens and nothing is saved", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "✏️ Set message"]);
    await h.send(h.fake.updates.command(h.owner, "admin"));
    expect(h.services.settings.get("welcome").content).toEqual({ type: "text", text: texts.welcome });
    expect(h.fake.textsTo(ownerId).slice(-2)).toEqual([texts.admin.cancelled, texts.admin.rootTitle]);
    expect(h.services.audit.count()).toBe(0);
    // The input is over: the next text is no answer either.
    await h.say(h.owner, "Hello there");
    expect(h.services.settings.get("welcome").content).toEqual({ type: "text", text: texts.welcome });
  });

  it("when an unknown /foo or the 🔐Admin button is sent while the welcome is asked for, then neither becomes the welcome", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "✏️ Set message"]);
    const before = h.fake.textsTo(ownerId).length;
    await h.send(h.fake.updates.command(h.owner, "foo", "bar"));
    expect(h.fake.textsTo(ownerId)[before]).toBe(texts.admin.cancelled);
    await h.say(h.owner, "Hello there");
    expect(h.services.settings.get("welcome").content).toEqual({ type: "text", text: texts.welcome });

    await openAdmin(h, ["👋 Welcome message", "✏️ Set message"]);
    await h.say(h.owner, texts.admin.keyboardButton);
    expect(h.fake.textsTo(ownerId).slice(-2)).toEqual([texts.admin.cancelled, texts.admin.rootTitle]);
    expect(h.services.settings.get("welcome").content).toEqual({ type: "text", text: texts.welcome });
    expect(h.services.audit.count()).toBe(0);
  });

  it("when a forwarded message starting with a command is sent as the welcome, then it is taken as content", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "✏️ Set message"]);
    const update = h.fake.updates.text(h.owner, "/start to begin");
    if (!update.message) throw new Error("no message");
    update.message.forward_origin = { type: "hidden_user", sender_user_name: "Someone", date: 1 };
    await h.send(update);
    expect(h.services.settings.get("welcome").content).toMatchObject({
      type: "text",
      text: "/start to begin",
    });
  });

  it("when a non-admin replays the switch, then nothing changes", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message"]);
    const data = h.fake.findButton(ownerId, "✅ Welcome message")?.button.callback_data as string;
    const ann = h.addUser();
    await h.start(ann);
    await pressData(h, ann, data);
    expect(h.services.settings.get("welcome").enabled).toBe(true);
  });
});

describe("/ref", () => {
  it("when user referrals are on, then a bot user gets their link and count", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const pat = h.addUser({ first_name: "Pat" });
    await h.start(pat);
    const code = h.services.users.find(pat.id)?.referralCode;
    await h.start(h.addUser(), `r${code}`);
    await h.send(h.fake.updates.command(pat, "ref"));
    expect(h.fake.textsTo(pat.id).at(-1)).toBe(
      `🤝 Invite friends with your personal link:\nhttps://t.me/usher_test_bot?start=r${code}\n\nFriends who joined through it: 1`,
    );
  });

  it("when user referrals are off, then /ref is not answered", async () => {
    h = createHarness();
    const pat = h.addUser({ first_name: "Pat" });
    await h.start(pat);
    await h.send(h.fake.updates.command(pat, "ref"));
    expect(h.fake.textsTo(pat.id)).toEqual(["Welcome, Pat! 👋"]);
  });
});
