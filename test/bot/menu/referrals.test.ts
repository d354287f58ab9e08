import { afterEach, describe, expect, it } from "vitest";
import { texts as adminTexts } from "../../../src/texts/admin-referrals.js";
import { texts } from "../../../src/texts/bot.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const toReferrals = ["🧩 Extensions", "📂 Referrals"];
const lastText = (user: SimUser = h.owner) => h.fake.textsTo(user.id).at(-1) ?? "";

/** The callback data of the owner's newest button with this label, with its menu payload replaced. */
function forged(label: string | RegExp, payload: string): { data: string; message_id: number } {
  const found = h.fake.findButton(ownerId, label);
  if (!found?.button.callback_data) throw new Error(`no button ${String(label)}`);
  const parts = found.button.callback_data.split("/");
  parts[3] = payload;
  return { data: parts.join("/"), message_id: found.message_id };
}

/** Creates a campaign through the menu and returns its code, read from the link the bot replied with. */
async function createCampaign(name: string): Promise<string> {
  await h.press(h.owner, "➕ New link");
  await h.say(h.owner, name);
  const link = /https:\/\/t\.me\/usher_test_bot\?start=a([A-Za-z0-9]+)/.exec(
    h.fake.textsTo(ownerId).at(-2) ?? "",
  );
  if (!link?.[1]) throw new Error("no campaign link in the reply");
  return link[1];
}

describe("admin menu: referrals page", () => {
  it("when the owner walks to Referrals, then the menu is edited in place and shows every section", async () => {
    h = createHarness();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "🧩 Extensions");
    await h.press(h.owner, "📂 Referrals");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    const menu = currentMenu(h);
    expect(menu.message.edited).toBe(true);
    expect(menu.text).toContain("👥 User referrals: OFF");
    expect(menu.text).toContain("📣 Campaign links: OFF");
    expect(menu.text).toContain("No campaigns yet");
    expect(menu.text).toContain("🔒 Access only by ref. link: OFF");
    expect(menu.text).toContain(texts.refLinkOnly);
    expect(menu.buttons).toEqual([
      "❌ User referrals",
      "✏️ Link text",
      "❌ Campaign links",
      "➕ New link",
      "❌ Access only by ref. link",
      "✏️ Text",
      "🌐 /ref text",
      "🌐 Referral-only refusal",
      "⬅ Back",
    ]);
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons).toContain("📂 Referrals");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
  });

  it("when user referrals are switched on, then the next newcomer with a user's link is credited", async () => {
    h = createHarness();
    const pat = h.addUser({ first_name: "Pat" });
    await h.start(pat);
    await openAdmin(h, toReferrals);
    await h.press(h.owner, "❌ User referrals");
    expect(h.services.settings.get("userReferrals").enabled).toBe(true);
    expect(currentMenu(h).buttons[0]).toBe("✅ User referrals");
    expect(currentMenu(h).text).toContain("👥 User referrals: ON");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "settings.userReferrals",
      before: { enabled: false },
      after: { enabled: true },
    });
    const ann = h.addUser();
    await h.start(ann, `r${h.record(pat)?.referralCode}`);
    expect(h.record(ann)?.referrerId).toBe(pat.id);
    await h.press(h.owner, "✅ User referrals");
    expect(h.services.settings.get("userReferrals").enabled).toBe(false);
  });

  it("when the link text is edited, then an empty text is refused and /ref answers with the new one", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const pat = h.addUser({ first_name: "Pat" });
    await h.start(pat);
    await openAdmin(h, toReferrals);
    await h.press(h.owner, "✏️ Link text");
    expect(lastText()).toContain("Send the new text users get for /ref");
    await h.say(h.owner, "  ");
    expect(lastText()).toBe(texts.admin.emptyText);
    await h.send(h.fake.updates.photo(h.owner));
    expect(lastText()).toBe(texts.admin.notText);
    await h.say(h.owner, "Bring friends, {first_name}: {link} ({count} so far)");
    expect(h.services.settings.get("userReferrals").linkText).toBe(
      "Bring friends, {first_name}: {link} ({count} so far)",
    );
    expect(h.fake.textsTo(ownerId).at(-2)).toBe(texts.admin.saved);
    expect(currentMenu(h).text).toContain("Bring friends, {first_name}");
    expect(h.services.audit.recent()[0]?.action).toBe("settings.userReferrals");
    await h.send(h.fake.updates.command(pat, "ref"));
    expect(lastText(pat)).toBe(
      `Bring friends, Pat: https://t.me/usher_test_bot?start=r${h.record(pat)?.referralCode} (0 so far)`,
    );
  });

  it("when access only by ref. link is switched on, then a plain /start is refused at the next update", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    await openAdmin(h, toReferrals);
    await h.press(h.owner, "❌ Access only by ref. link");
    expect(h.services.settings.get("refLinkOnly").enabled).toBe(true);
    expect(currentMenu(h).buttons).toContain("✅ Access only by ref. link");
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "settings.refLinkOnly" });
    const ann = h.addUser();
    await h.start(ann);
    expect(h.record(ann)?.status).toBe("pending");
    expect(lastText(ann)).toBe(texts.refLinkOnly);
  });

  it("when access only by ref. link is switched on with user referrals and campaign links both off, then it is refused on the spot", async () => {
    h = createHarness();
    await openAdmin(h, toReferrals);
    await h.press(h.owner, "❌ Access only by ref. link");
    expect(h.services.settings.get("refLinkOnly").enabled).toBe(false);
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: adminTexts.refLinkOnlyNeedsLinks,
      show_alert: true,
    });
    expect(currentMenu(h).buttons).toContain("❌ Access only by ref. link");
    expect(h.services.audit.count()).toBe(0);
    const ann = h.addUser();
    await h.start(ann);
    expect(h.record(ann)?.status).toBe("active");
  });

  it("when the last kind of referral link is switched off while access is only by ref. link, then it is refused on the spot", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true }, refLinkOnly: { enabled: true } } });
    await openAdmin(h, toReferrals);
    await h.press(h.owner, "✅ User referrals");
    expect(h.services.settings.get("userReferrals").enabled).toBe(true);
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: adminTexts.lastLinkKindNeeded,
      show_alert: true,
    });
    // With campaign links on, user referrals may go: campaign links still let newcomers in.
    await h.press(h.owner, "❌ Campaign links");
    await h.press(h.owner, "✅ User referrals");
    expect(h.services.settings.get("userReferrals").enabled).toBe(false);
    expect(currentMenu(h).text).toContain(adminTexts.refLinkOnlyOnCampaignsOnly);
    await h.press(h.owner, "✅ Campaign links");
    expect(h.services.settings.get("adminReferrals").enabled).toBe(true);
    // Switching access only by ref. link off first frees them both.
    await h.press(h.owner, "✅ Access only by ref. link");
    await h.press(h.owner, "✅ Campaign links");
    expect(h.services.settings.get("adminReferrals").enabled).toBe(false);
    expect(h.services.audit.recent(10).map((e) => e.action)).toEqual([
      "settings.adminReferrals",
      "settings.refLinkOnly",
      "settings.userReferrals",
      "settings.adminReferrals",
    ]);
  });

  it("when access is only by ref. link and campaign links are off, then the page says campaign links turn newcomers away", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true }, refLinkOnly: { enabled: true } } });
    await openAdmin(h, toReferrals);
    expect(currentMenu(h).text).toContain(adminTexts.refLinkOnlyOnUserLinksOnly);
    await h.press(h.owner, "➕ New link");
    await h.say(h.owner, "Spring ads");
    expect(h.fake.textsTo(ownerId).at(-2)).toContain(adminTexts.campaignsAreOffRefOnly);
  });

  it("when stored settings already lock every newcomer out, then the page warns and other changes still work", async () => {
    h = createHarness({ settings: { refLinkOnly: { enabled: true } } });
    await openAdmin(h, toReferrals);
    expect(currentMenu(h).text).toContain(adminTexts.refLinkOnlyLocksEveryoneOut);
    await h.press(h.owner, "✏️ Text");
    await h.say(h.owner, "Invitation only.");
    expect(h.services.settings.get("refLinkOnly").text).toBe("Invitation only.");
    await h.press(h.owner, "❌ User referrals");
    expect(h.services.settings.get("userReferrals").enabled).toBe(true);
    expect(currentMenu(h).text).toContain(adminTexts.refLinkOnlyOnUserLinksOnly);
  });

  it("when the ref-only text is edited, then turned-away newcomers get the new text", async () => {
    h = createHarness({ settings: { refLinkOnly: { enabled: true } } });
    await openAdmin(h, toReferrals);
    await h.press(h.owner, "✏️ Text");
    expect(lastText()).toContain("Send the new text for newcomers who come without a referral link.");
    await h.say(h.owner, "Invitation only, sorry.");
    expect(h.services.settings.get("refLinkOnly").text).toBe("Invitation only, sorry.");
    expect(currentMenu(h).text).toContain("Invitation only, sorry.");
    const ann = h.addUser();
    await h.start(ann);
    expect(lastText(ann)).toBe("Invitation only, sorry.");
  });
});

describe("admin menu: campaign links", () => {
  it("when a campaign is created, then bad names are asked again and the link, audit and list follow", async () => {
    h = createHarness();
    await openAdmin(h, toReferrals);
    await h.press(h.owner, "➕ New link");
    expect(lastText()).toContain("Send a name for the new campaign link");
    await h.say(h.owner, "x".repeat(65));
    expect(lastText()).toBe("That name has 65 characters; at most 64, please. Send a shorter one.");
    await h.send(h.fake.updates.photo(h.owner));
    expect(lastText()).toBe(texts.admin.notText);
    await h.say(h.owner, "  Spring ads  ");
    const [campaign] = h.services.campaigns.listNewestFirst({ offset: 0, limit: 10 });
    expect(campaign).toMatchObject({ name: "Spring ads", createdBy: ownerId, users: 0 });
    const reply = h.fake.textsTo(ownerId).at(-2);
    expect(reply).toContain(`https://t.me/usher_test_bot?start=a${campaign?.code}`);
    expect(reply).toContain("Campaign links are switched off");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "campaigns.create",
      after: { id: campaign?.id, name: "Spring ads", code: campaign?.code },
    });
    const menu = currentMenu(h);
    expect(menu.text).toContain("Campaigns: 1");
    expect(menu.text).toContain("• Spring ads: 0");
    expect(menu.buttons).toContain("📣 Spring ads");
  });

  it("when newcomers arrive through a campaign link, then its page counts them and its active ones", async () => {
    h = createHarness({ settings: { adminReferrals: { enabled: true } } });
    await openAdmin(h, toReferrals);
    const code = await createCampaign("Spring ads");
    const ann = h.addUser();
    await h.start(ann, `a${code}`);
    await h.press(h.owner, "📣 Spring ads");
    let page = currentMenu(h);
    expect(page.text).toContain("📣 Campaign “Spring ads”");
    expect(page.text).toContain(`Link: https://t.me/usher_test_bot?start=a${code}`);
    expect(page.text).toContain("Users who came through it: 1 (active: 1)");
    expect(page.text).toMatch(/Created: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(page.buttons).toEqual(["🗑 Delete", "⬅ Back"]);

    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob, `a${code}`);
    await h.send(h.fake.updates.myChatMember(bob, "kicked"));
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("• Spring ads: 2");
    await h.press(h.owner, "📣 Spring ads");
    page = currentMenu(h);
    expect(page.text).toContain("Users who came through it: 2 (active: 1)");
    expect(page.message.edited).toBe(true);
  });

  it("when a campaign is deleted after confirming, then its users stay without it and the audit log says so", async () => {
    h = createHarness({ settings: { adminReferrals: { enabled: true } } });
    await openAdmin(h, toReferrals);
    const code = await createCampaign("Spring ads");
    const ann = h.addUser();
    await h.start(ann, `a${code}`);
    const id = h.record(ann)?.campaignId as number;
    expect(id).toBeTypeOf("number");
    await h.press(h.owner, "📣 Spring ads");
    await h.press(h.owner, "🗑 Delete");
    expect(currentMenu(h).text).toContain("Delete the campaign “Spring ads”?");
    expect(currentMenu(h).text).toContain("Users who came through it (1) stay bot users");
    expect(currentMenu(h).buttons).toEqual(["✅ Yes, delete", "✖ No, keep it"]);
    await h.press(h.owner, "✖ No, keep it");
    expect(currentMenu(h).text).toContain("Users who came through it: 1");
    await h.press(h.owner, "🗑 Delete");
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "✅ Yes, delete");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    expect(h.services.campaigns.find(id)).toBeUndefined();
    expect(h.record(ann)).toMatchObject({ status: "active", campaignId: null });
    expect(currentMenu(h).text).toContain("No campaigns yet");
    expect(currentMenu(h).buttons).not.toContain("📣 Spring ads");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "campaigns.delete",
      before: { id, name: "Spring ads", code },
    });
  });

  it("when campaign links are switched on from the menu, then the next newcomer with one is counted", async () => {
    h = createHarness();
    const spring = h.services.campaigns.create(
      { name: "Spring", code: "spring", createdBy: null },
      h.clock.now(),
    );
    await openAdmin(h, toReferrals);
    await h.press(h.owner, "❌ Campaign links");
    expect(h.services.settings.get("adminReferrals").enabled).toBe(true);
    expect(currentMenu(h).text).toContain("📣 Campaign links: ON");
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "settings.adminReferrals" });
    const ann = h.addUser();
    await h.start(ann, "aspring");
    expect(h.record(ann)?.campaignId).toBe(spring.id);
  });

  it("when campaign links are off, then the list and the campaign page say new people are not being counted", async () => {
    h = createHarness();
    h.services.campaigns.create({ name: "Spring", code: "spring", createdBy: null }, h.clock.now());
    await openAdmin(h, toReferrals);
    const notCounted = "new people are not being counted";
    expect(currentMenu(h).text).toContain("• Spring: 0");
    expect(currentMenu(h).text).toContain(notCounted);
    await h.press(h.owner, "📣 Spring");
    expect(currentMenu(h).text).toContain(notCounted);
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "❌ Campaign links");
    expect(currentMenu(h).text).not.toContain(notCounted);
    await h.press(h.owner, "📣 Spring");
    expect(currentMenu(h).text).not.toContain(notCounted);
    expect(h.services.settings.get("adminReferrals").enabled).toBe(true);
  });

  it("when there are more than ten campaigns, then the list pages and remembers its page", async () => {
    h = createHarness();
    for (let i = 1; i <= 12; i++) {
      h.services.campaigns.create({ name: `C${i}`, createdBy: null }, h.clock.now());
    }
    await openAdmin(h, toReferrals);
    let menu = currentMenu(h);
    expect(menu.text).toContain("Campaigns: 12, newest first (page 1 of 2)");
    expect(menu.buttons.filter((b) => b.startsWith("📣"))).toEqual(
      ["C12", "C11", "C10", "C9", "C8", "C7", "C6", "C5", "C4", "C3"].map((n) => `📣 ${n}`),
    );
    expect(menu.buttons.slice(-3)).toEqual(["1 / 2", "▶", "⬅ Back"]);
    const calls = h.fake.calls.length;
    await h.press(h.owner, "1 / 2");
    expect(h.fake.calls.slice(calls).map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)).toMatchObject({
      ok: true,
      params: { text: "Page 1 of 2." },
    });
    await h.press(h.owner, "▶");
    menu = currentMenu(h);
    expect(menu.text).toContain("(page 2 of 2)");
    expect(menu.buttons.filter((b) => b.startsWith("📣"))).toEqual(["📣 C2", "📣 C1"]);
    await h.press(h.owner, "❌ User referrals");
    expect(h.services.settings.get("userReferrals").enabled).toBe(true);
    expect(currentMenu(h).text).toContain("(page 2 of 2)");
    await h.press(h.owner, "📣 C1");
    expect(currentMenu(h).text).toContain("📣 Campaign “C1”");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("(page 2 of 2)");
    await h.press(h.owner, "◀");
    expect(currentMenu(h).text).toContain("(page 1 of 2)");
    expect(
      h.fake.callsOf("answerCallbackQuery").some((c) => c.params.text === texts.admin.menuOutdated),
    ).toBe(false);
  });

  it("when /cancel is sent while naming a campaign, then nothing is created", async () => {
    h = createHarness();
    await openAdmin(h, toReferrals);
    await h.press(h.owner, "➕ New link");
    await h.say(h.owner, "/cancel");
    expect(lastText()).toBe(texts.admin.cancelled);
    await h.say(h.owner, "Not a campaign");
    expect(h.services.campaigns.count()).toBe(0);
  });
});

describe("admin menu: campaign links against forged and replayed presses", () => {
  it("when a button is forged with a campaign that is not in the list, then nothing is opened or deleted", async () => {
    h = createHarness();
    h.services.campaigns.create({ name: "Spring", code: "spring", createdBy: null }, h.clock.now());
    h.services.campaigns.create({ name: "Autumn", code: "autumn", createdBy: null }, h.clock.now());
    await openAdmin(h, toReferrals);
    const item = forged("📣 Spring", "0.999999");
    await h.send(h.fake.updates.callback(h.owner, item));
    expect(currentMenu(h).text).toContain("📂 Referrals");

    await h.press(h.owner, "📣 Spring");
    await h.press(h.owner, "🗑 Delete");
    // The confirm button re-targeted at a campaign that does not exist, and at a malformed one.
    const unknown = forged("✅ Yes, delete", "0.999999");
    const malformed = forged("✅ Yes, delete", "0.x");
    await h.send(h.fake.updates.callback(h.owner, unknown));
    await h.send(h.fake.updates.callback(h.owner, malformed));
    expect(h.services.campaigns.count()).toBe(2);
    expect(h.services.audit.recent()).toHaveLength(0);
    expect(currentMenu(h).text).toContain("📂 Referrals");
  });

  it("when a non-admin replays the owner's presses, then nothing changes and they get nothing", async () => {
    h = createHarness();
    h.services.campaigns.create({ name: "Spring", code: "spring", createdBy: null }, h.clock.now());
    await openAdmin(h, toReferrals);
    const switchData = h.fake.findButton(ownerId, "❌ Access only by ref. link")?.button
      .callback_data as string;
    const newLinkData = h.fake.findButton(ownerId, "➕ New link")?.button.callback_data as string;
    await h.press(h.owner, "📣 Spring");
    await h.press(h.owner, "🗑 Delete");
    const yesData = h.fake.findButton(ownerId, "✅ Yes, delete")?.button.callback_data as string;
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    for (const data of [switchData, newLinkData, yesData]) await pressData(h, mallory, data);
    await h.say(mallory, "Evil campaign");
    expect(h.services.settings.get("refLinkOnly").enabled).toBe(false);
    expect(h.services.campaigns.count()).toBe(1);
    expect(h.services.audit.recent()).toHaveLength(0);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
  });
});
