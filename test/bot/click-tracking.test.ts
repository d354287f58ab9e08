import type { Message, MessageEntity, Update } from "grammy/types";
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

describe("click tracking: links inside the text", () => {
  /** Starts an engine that tracks clicks when the harness has PUBLIC_URL. */
  function startEngine() {
    const setup = createTestEngine(h, h.services.links ? { links: h.services.links } : {});
    engine = setup.engine;
    engine.start();
    return setup.repository;
  }

  const entitiesOf = (sent: { message: Message } | undefined): MessageEntity[] => [
    ...(sent?.message.entities ?? []),
    ...(sent?.message.caption_entities ?? []),
  ];
  const textLinks = (sent: { message: Message } | undefined) =>
    entitiesOf(sent).flatMap((e) => (e.type === "text_link" ? [e.url] : []));

  /** The owner makes a mailing of `update`'s message in the wizard and sends it to everyone alive. */
  async function mailFromMenu(update: Update) {
    const repository = startEngine();
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await h.send(update);
    for (const answer of ["⏭ No buttons", "👥 Everyone alive", "✅ Continue", "🚀 Send now"]) {
      await h.say(h.owner, answer);
    }
    const mailing = h.services.mailings.list(1)[0];
    if (!mailing) throw new Error("no mailing");
    await waitForStatus(repository, mailing.id);
  }

  it("when a text with a typed URL and a hidden link goes out, then each recipient's links are their own and record their clicks", async () => {
    h = createApiHarness({ publicUrl });
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]);
    if (!ann || !bob) throw new Error("no users");
    const text = "Read https://example.com/news or our menu";
    const update = h.fake.updates.text(h.owner, text);
    if (update.message) {
      update.message.entities = [
        { type: "url", offset: 5, length: 24 },
        { type: "text_link", offset: 37, length: 4, url: "https://example.com/menu" },
      ];
    }
    await mailFromMenu(update);

    const annMessage = h.fake.messagesTo(ann.id).find((m) => m.text === text);
    const bobMessage = h.fake.messagesTo(bob.id).find((m) => m.text === text);
    const [annNews, annMenu] = textLinks(annMessage);
    const [bobNews] = textLinks(bobMessage);
    expect(entitiesOf(annMessage).map((e) => [e.type, e.offset, e.length])).toEqual([
      ["text_link", 5, 24],
      ["text_link", 37, 4],
    ]);
    expect(annNews).not.toBe(bobNews);
    expect(await follow(annMenu as string)).toBe("https://example.com/menu");
    expect(await follow(bobNews as string)).toBe("https://example.com/news");
    expect(clicks()).toEqual([
      { userId: ann.id, url: "https://example.com/menu" },
      { userId: bob.id, url: "https://example.com/news" },
    ]);
  });

  it("when a photo's caption holds a link, then the copy each recipient gets carries their tracked link", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    const update = h.fake.updates.photo(h.owner, { caption: "Menu: example.com/menu" });
    if (update.message) update.message.caption_entities = [{ type: "url", offset: 6, length: 16 }];
    await mailFromMenu(update);

    const photo = h.fake.messagesTo(ann.id).find((m) => m.kind === "photo");
    expect(photo?.caption).toBe("Menu: example.com/menu");
    const [menu] = textLinks(photo);
    expect(await follow(menu as string)).toBe("http://example.com/menu");
    expect(clicks()).toEqual([{ userId: ann.id, url: "http://example.com/menu" }]);
  });

  it("when an API mailing's HTML and MarkdownV2 texts hold links, then the links are tracked and the rest reads as written", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    startEngine();
    const html = await h.post("/api/mailings", {
      body: {
        text: 'Hi {first_name}! <a href="https://example.com/?a=1&amp;b=2">Deals</a>, https://example.com/faq. <code>https://example.com/raw</code>',
        parse_mode: "HTML",
      },
    });
    expect(html.status).toBe(201);
    await waitForStatus(h.services.mailings, (html.json as { id: number }).id);
    const markdown = await h.post("/api/mailings", {
      body: {
        text: "[Deals](https://example.com/deals) and https://example\\.com/faq\\.",
        parse_mode: "MarkdownV2",
      },
    });
    expect(markdown.status).toBe(201);
    await waitForStatus(h.services.mailings, (markdown.json as { id: number }).id);

    const [fromHtml, fromMarkdown] = h.fake.messagesTo(ann.id);
    expect(fromHtml?.text).toBe("Hi Ann! Deals, https://example.com/faq. https://example.com/raw");
    expect(fromMarkdown?.text).toBe("Deals and https://example.com/faq.");
    const targets = [];
    for (const url of [...textLinks(fromHtml), ...textLinks(fromMarkdown)]) targets.push(await follow(url));
    expect(targets).toEqual([
      "https://example.com/?a=1&b=2",
      "https://example.com/faq",
      "https://example.com/deals",
      "https://example.com/faq",
    ]);
    expect(entitiesOf(fromHtml).find((e) => e.type === "code")).toMatchObject({ offset: 40, length: 23 });
  });

  it("when the welcome text holds a hidden link, then a newcomer gets it as their tracked link", async () => {
    h = createApiHarness({
      publicUrl,
      settings: {
        welcome: {
          content: {
            type: "text",
            text: "Hi {first_name}, see our menu",
            entities: [{ type: "text_link", offset: 25, length: 4, url: "https://example.com/menu" }],
          },
        },
      },
    });
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    const welcome = h.fake.messagesTo(ann.id).find((m) => m.text === "Hi Ann, see our menu");
    expect(entitiesOf(welcome)).toMatchObject([{ type: "text_link", offset: 16, length: 4 }]);
    expect(await follow(textLinks(welcome)[0] as string)).toBe("https://example.com/menu");
    expect(clicks()).toEqual([{ userId: ann.id, url: "https://example.com/menu" }]);
  });

  it("when PUBLIC_URL is not set, then links in the text and caption reach recipients as typed", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    const update = h.fake.updates.photo(h.owner, { caption: "Menu: https://example.com/menu" });
    if (update.message) update.message.caption_entities = [{ type: "url", offset: 6, length: 24 }];
    await mailFromMenu(update);
    const photo = h.fake.messagesTo(ann.id).find((m) => m.kind === "photo");
    expect(photo?.caption).toBe("Menu: https://example.com/menu");
    expect(photo?.message.caption_entities).toEqual([{ type: "url", offset: 6, length: 24 }]);
    expect(h.fake.callsOf("copyMessage").at(-1)?.params.caption).toBeUndefined();
    expect(clicks()).toEqual([]);
  });
});
