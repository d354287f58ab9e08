import { afterEach, describe, expect, it } from "vitest";
import { createDeeplink } from "../../../src/features/gate/deeplinks/deeplink-commands.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";
import { seedBotUsers } from "../../support/mailing-helpers.js";
import { admin, createTestSender, textSequence } from "../../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

const lastText = () => h.fake.textsTo(ownerId).at(-1) ?? "";

/** Ann and Bea hold tag trial, Cid does not, Dan holds it but blocked the bot. */
function fourUsers() {
  const users = seedBotUsers(h, [
    { first_name: "Ann" },
    { first_name: "Bea" },
    { first_name: "Cid" },
    { first_name: "Dan" },
  ]) as [SimUser, SimUser, SimUser, SimUser];
  const [ann, bea, , dan] = users;
  for (const user of [ann, bea, dan]) h.services.users.addTag(user.id, "trial", h.clock.now());
  h.services.users.markDead(dan.id, "blocked", h.clock.now());
  return users;
}

describe("admin menu: subscribing a segment to a sequence", () => {
  it("when the owner subscribes tag:trial, then the count shown is the live tagged users, they are subscribed, and it is audited once", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const [ann, bea, cid, dan] = fourUsers();
    const { sequence } = textSequence(h, [0]);
    await openAdmin(h, ["📬 Sequences", "📬 Welcome"]);

    await h.press(h.owner, "👥 Subscribe a segment");
    expect(lastText()).toContain("Whom should “Welcome” take in?");
    await h.say(h.owner, "tag:trial lang:");
    expect(lastText()).toContain("lang:");
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toBeUndefined();
    await h.say(h.owner, "tag:trial");
    expect(lastText()).toContain("Subscribe 2 users to “Welcome”?");
    await h.say(h.owner, "✅ Subscribe them");

    expect(h.fake.textsTo(ownerId)).toContain("✅ 2 users subscribed to “Welcome” (2 matched the segment).");
    for (const user of [ann, bea])
      expect(h.services.sequences.subscription(sequence.id, user.id)).toMatchObject({
        status: "active",
        source: "admin",
      });
    for (const user of [cid, dan])
      expect(h.services.sequences.subscription(sequence.id, user.id)).toBeUndefined();
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "sequences.subscribe_segment",
      actorId: ownerId,
      after: { sequenceId: sequence.id, segment: "tag:trial", subscribed: 2 },
    });
    expect(currentMenu(h).text).toContain("Subscribers: 2 active");
  });

  it("when the segment is wrong or selects nobody, then the admin is told why and asked again; ❌ Cancel changes nothing", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const [ann] = fourUsers();
    const { sequence } = textSequence(h, [0]);
    await openAdmin(h, ["📬 Sequences", "📬 Welcome"]);

    await h.press(h.owner, "👥 Subscribe a segment");
    await h.say(h.owner, "tag:trial (lang:en");
    const refusal = lastText();
    expect(refusal).not.toContain("Whom should");
    await h.say(h.owner, "tag:nobody-has-it");
    expect(lastText()).toBe("🤷 No live bot user matches this segment. Send another one.");
    await h.say(h.owner, "tag:trial");
    expect(lastText()).toContain("Subscribe 2 users");
    await h.say(h.owner, "❌ Cancel");
    expect(lastText()).toBe("Cancelled. Nothing was changed.");
    await h.say(h.owner, "✅ Subscribe them");
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toBeUndefined();
    expect(h.services.audit.recent().map((e) => e.action)).not.toContain("sequences.subscribe_segment");
  });
});

describe("admin menu: a sequence's tag and deeplink triggers", () => {
  it("when the owner sets a tag trigger, then a user tagged afterwards is subscribed on the sender's next pass; none clears it", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const { sequence } = textSequence(h, [0]);
    await openAdmin(h, ["📬 Sequences", "📬 Welcome"]);
    expect(currentMenu(h).text).toContain("Tag trigger: —");

    await h.press(h.owner, "🏷 Tag trigger: —");
    await h.say(h.owner, "free trial");
    expect(lastText()).toContain("A tag is up to 32 characters");
    await h.say(h.owner, "Trial");
    expect(h.services.sequences.find(sequence.id)?.triggerTag).toBe("trial");
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "sequences.edit", actorId: ownerId });
    expect(currentMenu(h).text).toContain("Tag trigger: trial");
    expect(currentMenu(h).buttons).toContain("🏷 Tag trigger: trial");

    h.clock.advance(1000);
    h.services.users.addTag(ann.id, "trial", h.clock.now());
    await createTestSender(h).pass();
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ source: "tag" });
    expect(h.fake.textsTo(ann.id)).toEqual(["Step 1 for Ann"]);

    await h.press(h.owner, "🏷 Tag trigger: trial");
    await h.say(h.owner, "none");
    expect(h.services.sequences.find(sequence.id)?.triggerTag).toBeNull();
    expect(currentMenu(h).text).toContain("Tag trigger: —");
  });

  it("when the owner sets a deeplink trigger, then a code no deeplink could have is refused, one not made yet is taken with a warning, and none clears it", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    createDeeplink(h.services, admin, { code: "promo", content: { type: "text", text: "Promo!" } });
    const { sequence } = textSequence(h, [0]);
    await openAdmin(h, ["📬 Sequences", "📬 Welcome"]);

    await h.press(h.owner, "🔗 Deeplink trigger: —");
    expect(lastText()).toContain("Deeplinks, newest first: promo");
    await h.say(h.owner, "summer sale");
    expect(lastText()).toContain("A deeplink code is 1 to 64 characters");
    await h.say(h.owner, "apromo");
    expect(lastText()).toContain("does not start as a referral link");
    expect(h.services.sequences.find(sequence.id)?.triggerDeeplink).toBeNull();
    await h.say(h.owner, "later");
    expect(h.fake.textsTo(ownerId)).toContainEqual(
      expect.stringContaining("No deeplink has the code “later” yet"),
    );
    expect(h.services.sequences.find(sequence.id)?.triggerDeeplink).toBe("later");

    await h.press(h.owner, "🔗 Deeplink trigger: later");
    await h.say(h.owner, "promo");
    expect(h.fake.textsTo(ownerId)).toContain(
      "✅ Users who open the deeplink “promo” are subscribed to “Welcome”.",
    );
    expect(currentMenu(h).text).toContain("Deeplink trigger: promo");
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann, "promo");
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ source: "deeplink" });

    await h.press(h.owner, "🔗 Deeplink trigger: promo");
    await h.say(h.owner, "None");
    expect(h.services.sequences.find(sequence.id)?.triggerDeeplink).toBeNull();
  });
});

describe("admin menu: sequence subscribing is for admins only", () => {
  it("when a non-admin replays the owner's presses and answers, then nothing changes and nothing is audited", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const [ann] = fourUsers();
    const { sequence } = textSequence(h, [0]);
    await openAdmin(h, ["📬 Sequences", "📬 Welcome"]);
    const data = (label: string) => h.fake.findButton(ownerId, label)?.button.callback_data as string;
    const presses = [
      data("👥 Subscribe a segment"),
      data("🏷 Tag trigger: —"),
      data("🔗 Deeplink trigger: —"),
    ];
    const audited = h.services.audit.count();
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    for (const press of presses) {
      await pressData(h, mallory, press);
      for (const answer of ["tag:trial", "✅ Subscribe them", "trial", "promo"]) await h.say(mallory, answer);
    }
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toBeUndefined();
    expect(h.services.sequences.find(sequence.id)).toMatchObject({ triggerTag: null, triggerDeeplink: null });
    expect(h.services.audit.count()).toBe(audited);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
  });

  it("when an admin loses their rights while answering, then neither the trigger nor the segment is applied", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const [ann] = fourUsers();
    const { sequence } = textSequence(h, [0]);
    const ada = h.addUser({ first_name: "Ada" });
    await h.start(ada);
    h.services.admins.add(ada.id, ownerId, h.clock.now());
    await openAdmin(h, ["📬 Sequences", "📬 Welcome", "🏷 Tag trigger: —"], ada);
    h.services.admins.remove(ada.id);
    await h.say(ada, "trial");
    expect(h.services.sequences.find(sequence.id)?.triggerTag).toBeNull();

    h.services.admins.add(ada.id, ownerId, h.clock.now());
    await openAdmin(h, ["📬 Sequences", "📬 Welcome", "👥 Subscribe a segment"], ada);
    await h.say(ada, "tag:trial");
    h.services.admins.remove(ada.id);
    await h.say(ada, "✅ Subscribe them");
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toBeUndefined();
    expect(h.services.audit.recent().map((e) => e.action)).not.toContain("sequences.subscribe_segment");
  });
});
