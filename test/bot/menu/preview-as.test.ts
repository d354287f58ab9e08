import { afterEach, describe, expect, it } from "vitest";
import { linkClicks } from "../../../src/db/schema/index.js";
import { createDeeplink } from "../../../src/features/gate/deeplinks/deeplink-commands.js";
import { changeSetting } from "../../../src/features/settings/change-setting.js";
import { texts } from "../../../src/texts/admin-preview.js";
import { openAdmin } from "../../support/admin-helpers.js";
import { ownerId } from "../../support/bot-harness.js";
import { pressData } from "../../support/gate-helpers.js";
import { type ApiHarness, createApiHarness } from "../../support/http-harness.js";

const publicUrl = "https://bot.example.com";
const owner = { kind: "admin", id: ownerId } as const;
const personal = "Hi {first_name}, plan {attr.plan|free}";
const buttons = [[{ text: "Site", url: "https://example.com/a" }]];

let h: ApiHarness;
afterEach(() => h.close());

const ownerTexts = () => h.fake.textsTo(ownerId);
const lastUrls = () =>
  h.fake.inlineButtons(h.fake.lastMessageTo(ownerId)).map((b) => ({ text: b.text, url: b.url }));
const clicks = () => h.services.db.select().from(linkClicks).all();

/** Ann (on the pro plan, with an @username) and Bob, both bot users; link tracking is on. */
async function seedUsers() {
  h = createApiHarness({ publicUrl });
  const ann = h.addUser({ first_name: "Ann", username: "ann_pro" });
  const bob = h.addUser({ first_name: "Bob" });
  for (const user of [ann, bob]) await h.start(user);
  h.services.users.setAttribute(ann.id, "plan", "pro", h.clock.now());
  return { ann, bob };
}

describe("admin menu: 👤 Preview as… on the welcome", () => {
  it("when the owner names a user, then the welcome comes to the owner filled for them, its buttons untracked, and they get nothing", async () => {
    const { ann, bob } = await seedUsers();
    changeSetting(h.services, owner, {
      key: "welcome",
      patch: { content: { type: "text", text: personal }, buttons },
    });
    const audited = h.services.audit.count();
    await openAdmin(h, ["👋 Welcome message", texts.button]);
    expect(ownerTexts().at(-1)).toContain(texts.askUser);

    await h.say(h.owner, "@nobody_here");
    expect(ownerTexts().at(-1)).toBe(texts.userNone);
    await h.say(h.owner, "@ann_pro");
    const [intro, preview] = ownerTexts().slice(-2);
    expect(intro).toContain(`As Ann (id ${ann.id}) gets it`);
    expect(preview).toBe("Hi Ann, plan pro");
    expect(lastUrls()).toEqual([{ text: "Site", url: "https://example.com/a" }]);

    await openAdmin(h, ["👋 Welcome message", texts.button]);
    await h.say(h.owner, String(bob.id));
    expect(ownerTexts().at(-1)).toBe("Hi Bob, plan free");

    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
    expect(h.fake.textsTo(bob.id)).toEqual(["Welcome, Bob! 👋"]);
    expect(clicks()).toEqual([]);
    expect(h.services.audit.count()).toBe(audited);
  });

  it("when a non-admin replays the owner's 👤 Preview as… press, then no one is asked and nothing is sent", async () => {
    const { ann } = await seedUsers();
    await openAdmin(h, ["👋 Welcome message"]);
    const data = h.fake.findButton(ownerId, texts.button)?.button.callback_data as string;
    const sentToOwner = ownerTexts().length;
    await pressData(h, ann, data);
    await h.say(ann, "@ann_pro");
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
    expect(ownerTexts()).toHaveLength(sentToOwner);
  });

  it("when the admin loses their rights before naming the user, then nothing is sent, not even a refusal", async () => {
    const { ann } = await seedUsers();
    const admin = h.addUser({ first_name: "Ada" });
    await h.start(admin);
    h.services.admins.add(admin.id, ownerId, h.clock.now());
    await openAdmin(h, ["👋 Welcome message", texts.button], admin);
    expect(h.fake.textsTo(admin.id).at(-1)).toContain(texts.askUser);
    const sent = h.fake.textsTo(admin.id).length;
    h.services.admins.remove(admin.id);
    await h.say(admin, "@nobody_here");
    await h.say(admin, String(ann.id));
    expect(h.fake.textsTo(admin.id)).toHaveLength(sent);
  });
});

describe("admin menu: 👤 Preview as… on a deeplink", () => {
  it("when the owner names a user, then the content comes to the owner filled for them, with no hit, tag or click recorded", async () => {
    const { ann } = await seedUsers();
    createDeeplink(h.services, owner, {
      code: "promo",
      content: { type: "text", text: personal },
      tags: ["vip"],
      buttons,
    });
    await openAdmin(h, ["🧩 Extensions", "🔗 Deeplinks", "🔗 promo"]);
    await h.press(h.owner, texts.button);
    await h.say(h.owner, "99999");
    expect(ownerTexts().at(-1)).toBe(texts.userNone);
    await h.say(h.owner, String(ann.id));
    const [intro, preview] = ownerTexts().slice(-2);
    expect(intro).toContain(`As Ann (id ${ann.id}) gets it`);
    expect(preview).toBe("Hi Ann, plan pro");
    expect(lastUrls()).toEqual([{ text: "Site", url: "https://example.com/a" }]);
    expect(h.services.deeplinks.find("promo")?.hits).toBe(0);
    expect(h.services.users.tagsOf(ann.id)).toEqual([]);
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
    expect(clicks()).toEqual([]);
  });

  it("when the press is forged for a code not in the list, then no user is asked for", async () => {
    const { ann } = await seedUsers();
    createDeeplink(h.services, owner, { code: "promo", content: { type: "text", text: personal } });
    await openAdmin(h, ["🧩 Extensions", "🔗 Deeplinks", "🔗 promo"]);
    const found = h.fake.findButton(ownerId, texts.button);
    if (!found?.button.callback_data) throw new Error("no 👤 Preview as… button");
    const parts = found.button.callback_data.split("/");
    parts[3] = "0.ffffffffffff";
    await h.send(h.fake.updates.callback(h.owner, { data: parts.join("/"), message_id: found.message_id }));
    const sent = ownerTexts().length;
    await h.say(h.owner, String(ann.id));
    expect(ownerTexts()).toHaveLength(sent);
    expect(ownerTexts()).not.toContain(texts.askUser);
  });
});
