import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { texts } from "../../../src/texts/bot.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const toDeeplinks = ["🧩 Extensions", "🔗 Deeplinks"];
const lastText = (user: SimUser = h.owner) => h.fake.textsTo(user.id).at(-1) ?? "";
const greeting = "Hello {first_name}, this is bold";

/** A text message with one bold word, as Telegram delivers formatted text. */
function boldText(user: SimUser, text: string, word: string): Update {
  const update = h.fake.updates.text(user, text);
  if (!update.message) throw new Error("not a message");
  update.message.entities = [{ type: "bold", offset: text.indexOf(word), length: word.length }];
  return update;
}

/** Walks the owner through ➕ New deeplink with the given answers (a code, the content, the tags). */
async function createDeeplink(code: string, content: Update | string, tags: string): Promise<void> {
  await h.press(h.owner, "➕ New deeplink");
  await h.say(h.owner, code);
  await (typeof content === "string" ? h.say(h.owner, content) : h.send(content));
  await h.say(h.owner, tags);
}

/** The owner's newest button with this label, its menu payload replaced (a forged press). */
function forged(label: string, payload: string): { data: string; message_id: number } {
  const found = h.fake.findButton(ownerId, label);
  if (!found?.button.callback_data) throw new Error(`no button ${label}`);
  const parts = found.button.callback_data.split("/");
  parts[3] = payload;
  return { data: parts.join("/"), message_id: found.message_id };
}

function textDeeplink(code: string) {
  return h.services.deeplinks.create(
    { code, content: { type: "text", text: `Content of ${code}` }, tags: ["t"], createdBy: null },
    h.clock.now(),
  );
}

describe("admin menu: deeplinks page", () => {
  it("when the owner walks to Deeplinks, then the menu is edited in place and shows the switch and the list", async () => {
    h = createHarness();
    textDeeplink("promo");
    await h.send(h.fake.updates.command(h.owner, "admin"));
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "🧩 Extensions");
    await h.press(h.owner, "🔗 Deeplinks");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    const menu = currentMenu(h);
    expect(menu.message.edited).toBe(true);
    expect(menu.text).toContain("ON: a link t.me/usher_test_bot?start=<code>");
    expect(menu.text).toContain("Deeplinks: 1, newest first (page 1 of 1)");
    expect(menu.text).toContain("• promo: 0");
    expect(menu.buttons).toEqual(["✅ Deeplinks", "➕ New deeplink", "🔗 promo", "⬅ Back"]);
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons).toContain("🔗 Deeplinks");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
  });

  it("when deeplinks are switched off, then the next newcomer with a link gets only the welcome", async () => {
    h = createHarness();
    textDeeplink("promo");
    await openAdmin(h, toDeeplinks);
    await h.press(h.owner, "✅ Deeplinks");
    expect(h.services.settings.get("deeplinks").enabled).toBe(false);
    expect(currentMenu(h).buttons[0]).toBe("❌ Deeplinks");
    expect(currentMenu(h).text).toContain("OFF: deeplinks are ignored");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "settings.deeplinks",
      before: { enabled: true },
      after: { enabled: false },
    });
    const ann = h.addUser();
    await h.start(ann, "promo");
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
    expect(h.services.deeplinks.find("promo")?.hits).toBe(0);
    await h.press(h.owner, "❌ Deeplinks");
    expect(h.services.settings.get("deeplinks").enabled).toBe(true);
  });

  it("when there are more than ten deeplinks, then the list pages", async () => {
    h = createHarness();
    for (let i = 1; i <= 11; i++) {
      textDeeplink(`code${i}`);
      h.clock.advance(1000);
    }
    await openAdmin(h, toDeeplinks);
    expect(currentMenu(h).buttons.filter((b) => b.startsWith("🔗"))).toHaveLength(10);
    expect(currentMenu(h).buttons[2]).toBe("🔗 code11");
    expect(currentMenu(h).buttons.slice(-3)).toEqual(["1 / 2", "▶", "⬅ Back"]);
    await h.press(h.owner, "▶");
    expect(currentMenu(h).text).toContain("(page 2 of 2)");
    expect(currentMenu(h).buttons).toEqual([
      "✅ Deeplinks",
      "➕ New deeplink",
      "🔗 code1",
      "◀",
      "2 / 2",
      "⬅ Back",
    ]);
    await h.press(h.owner, "🔗 code1");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("(page 2 of 2)");
  });
});

describe("admin menu: new deeplink", () => {
  it("when a text deeplink is created, then a newcomer's /start with its code gets exactly that text and its tags", async () => {
    h = createHarness();
    await openAdmin(h, toDeeplinks);
    await h.press(h.owner, "➕ New deeplink");
    expect(lastText()).toContain("Send the code for the new deeplink, or auto");
    await h.say(h.owner, "spring_sale");
    expect(lastText()).toContain("Code spring_sale. Now send the content");
    await h.send(boldText(h.owner, greeting, "bold"));
    expect(lastText()).toContain("tags to give everyone who opens the link");
    await h.say(h.owner, "VIP, spring  vip");
    expect(h.services.deeplinks.find("spring_sale")).toMatchObject({
      content: {
        type: "text",
        text: greeting,
        entities: [{ type: "bold", offset: greeting.indexOf("bold"), length: 4 }],
      },
      tags: ["vip", "spring"],
      hits: 0,
      createdBy: ownerId,
    });
    const reply = h.fake.textsTo(ownerId).at(-2) ?? "";
    expect(reply).toContain("https://t.me/usher_test_bot?start=spring_sale");
    expect(reply).toContain("Tags: vip, spring");
    expect(reply).not.toContain("do not delete it");
    expect(currentMenu(h).buttons).toContain("🔗 spring_sale");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "deeplinks.create",
      after: { code: "spring_sale", tags: ["vip", "spring"] },
    });

    const ann = h.addUser();
    await h.start(ann, "spring_sale");
    const delivered = h.fake.messagesTo(ann.id).find((m) => m.text?.startsWith("Hello"));
    expect(delivered?.text).toBe("Hello Ann, this is bold");
    expect(delivered?.message.entities).toEqual([
      { type: "bold", offset: "Hello Ann, this is ".length, length: 4 },
    ]);
    expect(h.services.users.tagsOf(ann.id).sort()).toEqual(["spring", "vip"]);
  });

  it("when a photo deeplink is created with auto, then a newcomer gets the photo by copyMessage", async () => {
    h = createHarness();
    await openAdmin(h, toDeeplinks);
    await h.press(h.owner, "➕ New deeplink");
    await h.say(h.owner, "auto");
    const code = /^Code ([A-Za-z0-9_-]+)\./.exec(lastText())?.[1] as string;
    expect(code).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(code).not.toMatch(/^[ra]/);
    await h.send(h.fake.updates.photo(h.owner, { caption: "Our menu" }));
    const photo = h.fake.transcript(ownerId).findLast((m) => m.sender === "user" && m.kind === "photo");
    await h.say(h.owner, "-");
    expect(h.services.deeplinks.find(code)).toMatchObject({
      content: { type: "copy", fromChatId: ownerId, messageId: photo?.message_id },
      tags: [],
    });
    const reply = h.fake.textsTo(ownerId).at(-2) ?? "";
    expect(reply).toContain(`https://t.me/usher_test_bot?start=${code}`);
    expect(reply).toContain("do not delete it from this chat");
    expect(reply).not.toContain("Tags:");

    const ann = h.addUser();
    await h.start(ann, code);
    expect(h.fake.callsOf("copyMessage").at(-1)?.params).toMatchObject({
      chat_id: ann.id,
      from_chat_id: ownerId,
      message_id: photo?.message_id,
    });
    expect(h.fake.messagesTo(ann.id).find((m) => m.kind === "photo")?.caption).toBe("Our menu");
    expect(h.services.users.tagsOf(ann.id)).toEqual([]);
  });

  it("when the code is invalid, taken or reads as a referral link, then it is asked again saying why", async () => {
    h = createHarness();
    textDeeplink("promo");
    await openAdmin(h, toDeeplinks);
    await h.press(h.owner, "➕ New deeplink");
    for (const bad of ["bad code!", "x".repeat(65), "промо"]) {
      await h.say(h.owner, bad);
      expect(lastText()).toContain("That is not a valid code: use 1–64 characters");
    }
    await h.send(h.fake.updates.photo(h.owner));
    expect(lastText()).toBe(texts.admin.notText);
    await h.say(h.owner, "promo");
    expect(lastText()).toBe("The code promo is already taken. Send another one, or auto.");
    await h.say(h.owner, "rbonus");
    expect(lastText()).toContain("would be read as a user referral link (t.me/…?start=r<code>)");
    expect(lastText()).toContain("an upper-case R works");
    await h.say(h.owner, "abc");
    expect(lastText()).toContain("would be read as a campaign link (t.me/…?start=a<code>)");
    expect(h.services.deeplinks.count()).toBe(1);
    await h.say(h.owner, "x".repeat(64));
    expect(lastText()).toContain(`Code ${"x".repeat(64)}.`);
  });

  it("when one-letter, upper-case R/A and 64-character codes are used, then they are accepted and their pages work", async () => {
    h = createHarness();
    await openAdmin(h, toDeeplinks);
    const long = `Z${"y".repeat(63)}`;
    for (const code of ["r", "Rbonus", long]) await createDeeplink(code, `Text for ${code}`, "-");
    expect(h.services.deeplinks.codes().sort()).toEqual(["Rbonus", long, "r"].sort());
    await h.press(h.owner, `🔗 ${long}`);
    expect(currentMenu(h).text).toContain(`Link: https://t.me/usher_test_bot?start=${long}`);
    await h.press(h.owner, "🗑 Delete");
    await h.press(h.owner, "✅ Yes, delete");
    expect(h.services.deeplinks.find(long)).toBeUndefined();
  });

  it("when the tags are invalid, then they are asked again and nothing is created meanwhile", async () => {
    h = createHarness();
    await openAdmin(h, toDeeplinks);
    await h.press(h.owner, "➕ New deeplink");
    await h.say(h.owner, "promo");
    await h.say(h.owner, "Hi");
    await h.say(h.owner, "good, bad!tag");
    expect(lastText()).toBe(
      "“bad!tag” is not a valid tag: up to 32 characters of a–z, 0–9, _ and -. Send the tags again.",
    );
    await h.say(h.owner, "t".repeat(33));
    expect(lastText()).toContain("is not a valid tag");
    await h.say(h.owner, " , ");
    expect(lastText()).toBe("Send at least one tag, or - for none.");
    expect(h.services.deeplinks.count()).toBe(0);
    await h.say(h.owner, "Good");
    expect(h.services.deeplinks.find("promo")?.tags).toEqual(["good"]);
  });

  it("when the bot restarts between the steps, then the deeplink is still created once", async () => {
    h = createHarness();
    await openAdmin(h, toDeeplinks);
    await h.press(h.owner, "➕ New deeplink");
    await h.say(h.owner, "promo");
    h.restart();
    await h.say(h.owner, "Saved across restarts");
    h.restart();
    await h.say(h.owner, "news");
    expect(h.services.deeplinks.find("promo")).toMatchObject({
      content: { type: "text", text: "Saved across restarts" },
      tags: ["news"],
    });
    expect(h.services.audit.recent().filter((e) => e.action === "deeplinks.create")).toHaveLength(1);
  });

  it("when /cancel is sent at any step, then nothing is created", async () => {
    h = createHarness();
    await openAdmin(h, toDeeplinks);
    await h.press(h.owner, "➕ New deeplink");
    await h.say(h.owner, "promo");
    await h.say(h.owner, "/cancel");
    expect(lastText()).toBe(texts.admin.cancelled);
    expect(h.services.deeplinks.count()).toBe(0);
    expect(h.services.audit.recent()).toHaveLength(0);
  });
});

describe("admin menu: a deeplink's page", () => {
  it("when a deeplink is opened, then its page shows code, link, hits, tags and content kind, and counts hits", async () => {
    h = createHarness();
    await openAdmin(h, toDeeplinks);
    await createDeeplink("promo", boldText(h.owner, greeting, "bold"), "vip news");
    for (const name of ["Ann", "Bob"]) await h.start(h.addUser({ first_name: name }), "promo");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "🔗 Deeplinks");
    expect(currentMenu(h).text).toContain("• promo: 2");
    await h.press(h.owner, "🔗 promo");
    const page = currentMenu(h);
    expect(page.message.edited).toBe(true);
    expect(page.text).toContain("🔗 Deeplink promo");
    expect(page.text).toContain("Link: https://t.me/usher_test_bot?start=promo");
    expect(page.text).toContain("Opened: 2 times");
    expect(page.text).toContain("Tags: vip, news");
    expect(page.text).toContain("Content: text");
    expect(page.buttons).toEqual([
      "👁 Preview",
      "👤 Preview as…",
      "🔘 Buttons",
      "🗑 Delete",
      "🌐 Languages",
      "⬅ Back",
    ]);
  });

  it("when Preview is pressed, then the admin gets the content as users do, templates filled for them", async () => {
    h = createHarness();
    await openAdmin(h, toDeeplinks);
    await createDeeplink("promo", boldText(h.owner, greeting, "bold"), "-");
    await createDeeplink("Photo", h.fake.updates.photo(h.owner, { caption: "Our menu" }), "-");
    const photo = h.fake.transcript(ownerId).findLast((m) => m.sender === "user" && m.kind === "photo");
    await h.press(h.owner, "🔗 promo");
    await h.press(h.owner, "👁 Preview");
    const preview = h.fake.lastMessageTo(ownerId);
    expect(preview?.text).toBe("Hello Owner, this is bold");
    expect(preview?.message.entities).toEqual([
      { type: "bold", offset: "Hello Owner, this is ".length, length: 4 },
    ]);
    expect(h.services.deeplinks.find("promo")?.hits).toBe(0);

    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "🔗 Photo");
    expect(currentMenu(h).text).toContain(
      `Content: a copy of message ${photo?.message_id} in chat ${ownerId}`,
    );
    await h.press(h.owner, "👁 Preview");
    expect(h.fake.callsOf("copyMessage").at(-1)?.params).toMatchObject({
      chat_id: ownerId,
      from_chat_id: ownerId,
      message_id: photo?.message_id,
    });
    expect(h.fake.lastMessageTo(ownerId)?.caption).toBe("Our menu");

    h.fake.failNext("copyMessage", {
      error_code: 400,
      description: "Bad Request: message to copy not found",
    });
    await h.press(h.owner, "👁 Preview");
    expect(lastText()).toContain("The content could not be sent: Bad Request: message to copy not found.");
    expect(lastText()).toContain("create the deeplink again");
  });

  it("when a deeplink is deleted after confirming, then its link stops working and the audit log says so", async () => {
    h = createHarness();
    textDeeplink("promo");
    await openAdmin(h, toDeeplinks);
    await h.press(h.owner, "🔗 promo");
    await h.press(h.owner, "🗑 Delete");
    expect(currentMenu(h).text).toContain("Delete the deeplink promo?");
    expect(currentMenu(h).buttons).toEqual(["✅ Yes, delete", "✖ No, keep it"]);
    await h.press(h.owner, "✖ No, keep it");
    expect(currentMenu(h).text).toContain("🔗 Deeplink promo");
    await h.press(h.owner, "🗑 Delete");
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "✅ Yes, delete");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    expect(h.services.deeplinks.find("promo")).toBeUndefined();
    expect(currentMenu(h).text).toContain("No deeplinks yet");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "deeplinks.delete",
      before: { code: "promo", tags: ["t"] },
    });
    const ann = h.addUser();
    await h.start(ann, "promo");
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
  });
});

describe("admin menu: deeplinks against forged and replayed presses", () => {
  it("when a button is forged with a code that is not in the list, then nothing is opened or deleted", async () => {
    h = createHarness();
    textDeeplink("promo");
    await openAdmin(h, toDeeplinks);
    await h.send(h.fake.updates.callback(h.owner, forged("🔗 promo", "0.ffffffffffff")));
    expect(currentMenu(h).text).toContain("🔗 Deeplinks");
    await h.press(h.owner, "🔗 promo");
    await h.press(h.owner, "🗑 Delete");
    const unknown = forged("✅ Yes, delete", "0.ffffffffffff");
    const malformed = forged("✅ Yes, delete", "0.promo");
    await h.send(h.fake.updates.callback(h.owner, unknown));
    await h.send(h.fake.updates.callback(h.owner, malformed));
    expect(h.services.deeplinks.find("promo")).toBeDefined();
    expect(h.services.audit.recent()).toHaveLength(0);
  });

  it("when a non-admin replays the owner's presses, then nothing changes and they get nothing", async () => {
    h = createHarness();
    textDeeplink("promo");
    await openAdmin(h, toDeeplinks);
    const data = (label: string) => h.fake.findButton(ownerId, label)?.button.callback_data as string;
    const presses = [data("✅ Deeplinks"), data("➕ New deeplink")];
    await h.press(h.owner, "🔗 promo");
    presses.push(data("👁 Preview"));
    await h.press(h.owner, "🗑 Delete");
    presses.push(data("✅ Yes, delete"));
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    for (const press of presses) await pressData(h, mallory, press);
    await h.say(mallory, "evil");
    expect(h.services.settings.get("deeplinks").enabled).toBe(true);
    expect(h.services.deeplinks.count()).toBe(1);
    expect(h.services.audit.recent()).toHaveLength(0);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
  });
});
