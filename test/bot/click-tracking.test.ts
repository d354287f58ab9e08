import { afterEach, describe, expect, it } from "vitest";
import { linkClicks } from "../../src/db/schema/index.js";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { texts } from "../../src/texts/bot.js";
import { currentMenu, openAdmin } from "../support/admin-helpers.js";
import { ownerId } from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { createTestEngine, seedBotUsers, textMailing, waitForStatus } from "../support/mailing-helpers.js";

const publicUrl = "https://bot.example.com";
const trackedPrefix = `${publicUrl}/c/`;

let h: ApiHarness;
let engine: MailingEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  h.close();
});

/** The URL buttons of the newest message the user received that has any. */
function urlButtonsOf(user: SimUser): Array<{ text: string; url: string }> {
  const message = h.fake
    .messagesTo(user.id)
    .findLast((m) => h.fake.inlineButtons(m).some((b) => b.url !== undefined));
  return h.fake.inlineButtons(message).map((b) => ({ text: b.text, url: b.url ?? "" }));
}

/** Opens a tracked link as a browser would, answering with where it redirects. */
async function follow(url: string): Promise<string | null> {
  expect(url.startsWith(trackedPrefix)).toBe(true);
  const answer = await h.get(url.slice(publicUrl.length), { token: null });
  expect(answer.status).toBe(302);
  return answer.headers.get("location");
}

const clicks = () =>
  h.services.db
    .select()
    .from(linkClicks)
    .all()
    .map((c) => ({ userId: c.userId, url: c.url }));

const buttons = [
  [
    { text: "Site", url: "https://example.com/a" },
    { text: "Channel", url: "tg://resolve?domain=example" },
  ],
  [{ text: "Help", url: "https://example.com/help" }],
];

async function sendMailing(options: { trackClicks?: boolean } = {}) {
  const setup = createTestEngine(h, h.services.links ? { links: h.services.links } : {});
  engine = setup.engine;
  const mailing = setup.repository.create(
    {
      ...textMailing("News for {first_name}", options),
      payload: { kind: "message", content: { type: "text", text: "News for {first_name}" }, buttons },
    },
    h.clock.now(),
  );
  engine.start();
  await waitForStatus(setup.repository, mailing.id);
}

describe("click tracking: mailings", () => {
  it("when a mailing with URL buttons goes out with tracking on, then each recipient gets links of their own that record them", async () => {
    h = createApiHarness({ publicUrl });
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]);
    if (!ann || !bob) throw new Error("no users");
    await sendMailing();

    const annButtons = urlButtonsOf(ann);
    const bobButtons = urlButtonsOf(bob);
    expect(annButtons.map((b) => b.text)).toEqual(["Site", "Channel", "Help"]);
    for (const list of [annButtons, bobButtons]) {
      expect(list[0]?.url.startsWith(trackedPrefix)).toBe(true);
      expect(list[1]?.url).toBe("tg://resolve?domain=example");
      expect(list[2]?.url.startsWith(trackedPrefix)).toBe(true);
    }
    expect(annButtons[0]?.url).not.toBe(bobButtons[0]?.url);

    expect(await follow(bobButtons[0]?.url as string)).toBe("https://example.com/a");
    expect(await follow(annButtons[2]?.url as string)).toBe("https://example.com/help");
    expect(clicks()).toEqual([
      { userId: bob.id, url: "https://example.com/a" },
      { userId: ann.id, url: "https://example.com/help" },
    ]);
    expect(h.services.users.find(bob.id)?.clickCount).toBe(1);
  });

  it("when the mailing asks not to track clicks, then recipients get the URLs as typed", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    await sendMailing({ trackClicks: false });
    expect(urlButtonsOf(ann).map((b) => b.url)).toEqual(buttons.flat().map((b) => b.url));
  });

  it("when PUBLIC_URL is not set, then recipients get the URLs as typed", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    await sendMailing();
    expect(urlButtonsOf(ann).map((b) => b.url)).toEqual(buttons.flat().map((b) => b.url));
    expect(clicks()).toEqual([]);
  });
});

describe("click tracking: welcome message buttons", () => {
  it("when the owner sets welcome buttons in the menu, then they are audited and a newcomer gets them as tracked links", async () => {
    h = createApiHarness({ publicUrl });
    await openAdmin(h, ["👋 Welcome message", "🔘 Buttons"]);
    await h.say(h.owner, "Our site - https://example.com/welcome | Chat - tg://resolve?domain=example");
    expect(h.services.settings.get("welcome").buttons).toEqual([
      [
        { text: "Our site", url: "https://example.com/welcome" },
        { text: "Chat", url: "tg://resolve?domain=example" },
      ],
    ]);
    expect(h.fake.textsTo(ownerId)).toContain("✅ Buttons saved: 2.");
    expect(currentMenu(h).text).toContain("Buttons: Our site - https://example.com/welcome | Chat - tg://");
    expect(currentMenu(h).text).toContain(`through ${trackedPrefix}`);
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "settings.welcome",
      actorId: ownerId,
      before: { buttons: [] },
      after: { buttons: [[{ text: "Our site" }, { text: "Chat" }]] },
    });

    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe("Welcome, Ann! 👋");
    const [site, chat] = urlButtonsOf(ann);
    expect(chat?.url).toBe("tg://resolve?domain=example");
    expect(await follow(site?.url as string)).toBe("https://example.com/welcome");
    expect(clicks()).toEqual([{ userId: ann.id, url: "https://example.com/welcome" }]);
  });

  it("when welcome buttons are set, then the preview shows the plain URLs and an admin's /start still gets the 🔐Admin keyboard", async () => {
    h = createApiHarness({
      publicUrl,
      settings: { welcome: { buttons: [[{ text: "Site", url: "https://example.com/w" }]] } },
    });
    await openAdmin(h, ["👋 Welcome message", "👁 Preview"]);
    expect(urlButtonsOf(h.owner)).toEqual([{ text: "Site", url: "https://example.com/w" }]);

    await h.start(h.owner);
    const [welcome, hint] = h.fake.messagesTo(ownerId).slice(-2);
    expect(welcome?.text).toBe("Welcome, Owner! 👋");
    expect(h.fake.inlineButtons(welcome)[0]?.url?.startsWith(trackedPrefix)).toBe(true);
    expect(hint?.text).toBe(texts.admin.keyboardHint);
    expect(hint?.reply_markup).toMatchObject({ keyboard: [[{ text: "🔐Admin" }]] });
  });

  it("when the answer is not valid buttons, then it is refused with the line, and - removes the buttons", async () => {
    h = createApiHarness({
      publicUrl,
      settings: { welcome: { buttons: [[{ text: "Site", url: "https://example.com/w" }]] } },
    });
    await openAdmin(h, ["👋 Welcome message", "🔘 Buttons"]);
    await h.say(h.owner, "Site - https://example.com\nBroken - ftp://example.com");
    expect(h.fake.textsTo(ownerId).at(-1)).toBe(
      "Line 2, button 1: the link must start with https://, http:// or tg://",
    );
    expect(h.services.settings.get("welcome").buttons).toHaveLength(1);
    await h.say(h.owner, "-");
    expect(h.services.settings.get("welcome").buttons).toEqual([]);
    expect(h.fake.textsTo(ownerId)).toContain("✅ Buttons removed.");

    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.lastMessageTo(ann.id)?.reply_markup).toBeUndefined();
  });

  it("when the admin loses admin rights mid-input, then the buttons are not changed", async () => {
    h = createApiHarness({ publicUrl });
    const helper = h.addUser({ first_name: "Helper" });
    h.services.admins.add(helper.id, ownerId, h.clock.now());
    await openAdmin(h, ["👋 Welcome message", "🔘 Buttons"], helper);
    h.services.admins.remove(helper.id);
    await h.say(helper, "Site - https://example.com");
    expect(h.services.settings.get("welcome").buttons).toEqual([]);
    expect(h.services.audit.recent().map((e) => e.action)).not.toContain("settings.welcome");
  });
});

describe("click tracking: deeplink buttons", () => {
  it("when the owner sets a deeplink's buttons, then they are audited and whoever opens the link gets them tracked", async () => {
    h = createApiHarness({ publicUrl });
    h.services.deeplinks.create(
      { code: "promo", content: { type: "text", text: "Promo for {first_name}" }, createdBy: null },
      h.clock.now(),
    );
    await openAdmin(h, ["🧩 Extensions", "🔗 Deeplinks", "🔗 promo"]);
    expect(currentMenu(h).text).toContain("Buttons: none");
    await h.press(h.owner, "🔘 Buttons");
    await h.say(h.owner, "Menu - https://example.com/menu\nMap - https://example.com/map");
    expect(h.services.deeplinks.find("promo")?.buttons).toEqual([
      [{ text: "Menu", url: "https://example.com/menu" }],
      [{ text: "Map", url: "https://example.com/map" }],
    ]);
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "deeplinks.buttons",
      actorId: ownerId,
      before: { code: "promo", buttons: [] },
      after: { code: "promo", buttons: [[{ text: "Menu" }], [{ text: "Map" }]] },
    });

    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann, "promo");
    const promo = h.fake.messagesTo(ann.id).find((m) => m.text === "Promo for Ann");
    const links = h.fake.inlineButtons(promo).map((b) => b.url ?? "");
    expect(links).toHaveLength(2);
    expect(await follow(links[1] as string)).toBe("https://example.com/map");
    expect(clicks()).toEqual([{ userId: ann.id, url: "https://example.com/map" }]);
    expect(h.services.users.find(ann.id)?.clickCount).toBe(1);
  });

  it("when the deeplink is deleted while its buttons are asked for, then nothing is stored", async () => {
    h = createApiHarness({ publicUrl });
    h.services.deeplinks.create(
      { code: "promo", content: { type: "text", text: "Promo" }, createdBy: null },
      h.clock.now(),
    );
    await openAdmin(h, ["🧩 Extensions", "🔗 Deeplinks", "🔗 promo", "🔘 Buttons"]);
    h.services.deeplinks.delete("promo");
    await h.say(h.owner, "Menu - https://example.com/menu");
    expect(h.fake.textsTo(ownerId).at(-1)).toBe("This deeplink was deleted meanwhile; nothing was changed.");
    expect(h.services.audit.recent().map((e) => e.action)).not.toContain("deeplinks.buttons");
  });
});
