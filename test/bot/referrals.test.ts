import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { users } from "../../src/db/schema/index.js";
import { texts } from "../../src/texts/bot.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { answerCaptcha, answersTo } from "../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

/** A registered user whose link others can use. */
async function parent(first_name = "Pat") {
  const p = h.addUser({ first_name });
  await h.start(p);
  return { sim: p, code: h.record(p)?.referralCode as string };
}

describe("user referrals", () => {
  it("when a newcomer opens a user's link, then the parent is recorded and their count grows", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const pat = await parent();
    const ann = h.addUser();
    await h.start(ann, `r${pat.code}`);
    expect(h.record(ann)).toMatchObject({ status: "active", referrerId: pat.sim.id });
    expect(h.record(pat.sim)?.referralCount).toBe(1);
  });

  it("when user referrals are off, then a link credits nobody but the newcomer is still registered", async () => {
    h = createHarness();
    const pat = await parent();
    const ann = h.addUser();
    await h.start(ann, `r${pat.code}`);
    expect(h.record(ann)).toMatchObject({ status: "active", referrerId: null });
  });

  it("when a newcomer opens their own link, then there is no self-referral", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true }, captcha: { enabled: true } } });
    const ann = h.addUser();
    await h.start(ann); // first contact creates the record and its code
    await h.start(ann, `r${h.record(ann)?.referralCode}`);
    await answerCaptcha(h, ann, true);
    expect(h.record(ann)).toMatchObject({ status: "active", referrerId: null, referralCount: 0 });
  });

  it("when an existing user opens a link, then nothing is credited", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const pat = await parent();
    const ann = h.addUser();
    await h.start(ann);
    await h.start(ann, `r${pat.code}`);
    expect(h.record(ann)?.referrerId).toBeNull();
    expect(h.record(pat.sim)?.referralCount).toBe(0);
  });

  it("when the code is unknown, then the newcomer is registered without a parent", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const ann = h.addUser();
    await h.start(ann, "rNoSuchCode");
    expect(h.record(ann)).toMatchObject({ status: "active", referrerId: null });
  });

  it("when crediting would close a cycle (imported data), then the parent is refused", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const pat = await parent();
    const ann = h.addUser();
    await h.say(ann, "hi before start"); // creates Ann's record
    h.database.db
      .update(users)
      .set({ status: "pending", registeredAt: null })
      .where(eq(users.id, ann.id))
      .run();
    h.database.db.update(users).set({ referrerId: ann.id }).where(eq(users.id, pat.sim.id)).run();
    await h.start(ann, `r${pat.code}`);
    expect(h.record(ann)).toMatchObject({ status: "active", referrerId: null });
  });

  it("when the payload is over 64 characters or has odd characters, then it is ignored safely", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const pat = await parent();
    const odd = [`r${pat.code}${"x".repeat(64)}`, `r${pat.code} extra`, `r${pat.code};--`, "🙂", "\u0000"];
    for (const [i, payload] of odd.entries()) {
      const u = h.addUser({ first_name: `U${i}` });
      await h.send(h.fake.updates.text(u, `/start ${payload}`));
      expect(h.record(u)).toMatchObject({ status: "active", referrerId: null });
    }
    expect(h.record(pat.sim)?.referralCount).toBe(0);
  });

  it("when the child has not passed the protections yet, then the parent's count waits", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true }, captcha: { enabled: true } } });
    h.services.settings.update("captcha", { enabled: false });
    const pat = await parent();
    h.services.settings.update("captcha", { enabled: true });
    const ann = h.addUser();
    await h.start(ann, `r${pat.code}`);
    expect(h.record(pat.sim)?.referralCount).toBe(0);
    await answerCaptcha(h, ann, true);
    expect(h.record(pat.sim)?.referralCount).toBe(1);
  });

  it("when a banned user's link is used, then they are not credited", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const pat = await parent();
    h.database.db.update(users).set({ status: "banned" }).where(eq(users.id, pat.sim.id)).run();
    const ann = h.addUser();
    await h.start(ann, `r${pat.code}`);
    expect(h.record(ann)?.referrerId).toBeNull();
  });
});

describe("admin referrals (campaign links)", () => {
  it("when a newcomer opens a campaign link, then the campaign is recorded", async () => {
    h = createHarness({ settings: { adminReferrals: { enabled: true } } });
    const spring = h.services.campaigns.create(
      { name: "Spring ads", code: "spring", createdBy: null },
      h.clock.now(),
    );
    const ann = h.addUser();
    await h.start(ann, "aspring");
    expect(h.record(ann)).toMatchObject({ status: "active", campaignId: spring.id, referrerId: null });
  });

  it("when an existing user opens a campaign link, then the campaign is not recorded", async () => {
    h = createHarness({ settings: { adminReferrals: { enabled: true } } });
    h.services.campaigns.create({ name: "Spring ads", code: "spring", createdBy: null }, h.clock.now());
    const ann = h.addUser();
    await h.start(ann);
    await h.start(ann, "aspring");
    expect(h.record(ann)?.campaignId).toBeNull();
  });

  it("when the campaign code is unknown or campaigns are off, then nothing is recorded", async () => {
    h = createHarness();
    h.services.campaigns.create({ name: "Spring ads", code: "spring", createdBy: null }, h.clock.now());
    const ann = h.addUser();
    await h.start(ann, "aspring");
    h.services.settings.update("adminReferrals", { enabled: true });
    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob, "anope");
    expect(h.record(ann)?.campaignId).toBeNull();
    expect(h.record(bob)?.campaignId).toBeNull();
  });
});

describe("access only by referral link", () => {
  it("when on, then a plain /start is refused and both kinds of link are accepted", async () => {
    h = createHarness({
      settings: {
        refLinkOnly: { enabled: true },
        userReferrals: { enabled: true },
        adminReferrals: { enabled: true },
      },
    });
    h.services.settings.update("refLinkOnly", { enabled: false });
    const pat = await parent();
    h.services.settings.update("refLinkOnly", { enabled: true });
    h.services.campaigns.create({ name: "Spring", code: "spring", createdBy: null }, h.clock.now());

    const plain = h.addUser({ first_name: "Plain" });
    await h.start(plain);
    await h.start(plain, "rUnknown");
    expect(h.record(plain)?.status).toBe("pending");
    expect(h.fake.textsTo(plain.id)).toEqual([
      h.services.settings.get("refLinkOnly").text,
      h.services.settings.get("refLinkOnly").text,
    ]);

    const invited = h.addUser({ first_name: "Invited" });
    await h.start(invited, `r${pat.code}`);
    expect(h.record(invited)?.status).toBe("active");

    const advertised = h.addUser({ first_name: "Advertised" });
    await h.start(advertised, "aspring");
    expect(h.record(advertised)?.status).toBe("active");

    // The refused newcomer can still come back through a link.
    await h.start(plain, `r${pat.code}`);
    expect(h.record(plain)).toMatchObject({ status: "active", referrerId: pat.sim.id });
  });

  it("when a newcomer without a link solves the captcha, then the refusal comes as a message after it", async () => {
    h = createHarness({ settings: { captcha: { enabled: true }, refLinkOnly: { enabled: true } } });
    const ann = h.addUser();
    await h.start(ann);
    const press = await answerCaptcha(h, ann, true);
    expect(h.record(ann)?.status).toBe("pending");
    expect(h.fake.textsTo(ann.id)).toEqual([texts.captcha.passed, texts.refLinkOnly]);
    expect(answersTo(h, press)).toMatchObject([{ ok: true, params: { text: texts.captcha.passed } }]);
  });

  it("when on with campaign links off, then a campaign link turns the newcomer away and a user's link still lets them in", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    h.services.campaigns.create({ name: "Spring", code: "spring", createdBy: null }, h.clock.now());
    const pat = await parent();
    h.services.settings.update("refLinkOnly", { enabled: true });
    const advertised = h.addUser({ first_name: "Advertised" });
    await h.start(advertised, "aspring");
    expect(h.record(advertised)).toMatchObject({ status: "pending", campaignId: null });
    expect(h.fake.textsTo(advertised.id)).toEqual([h.services.settings.get("refLinkOnly").text]);
    const invited = h.addUser({ first_name: "Invited" });
    await h.start(invited, `r${pat.code}`);
    expect(h.record(invited)).toMatchObject({ status: "active", referrerId: pat.sim.id });
    await h.send(h.fake.updates.command(pat.sim, "ref"));
    expect(h.fake.textsTo(pat.sim.id).at(-1)).toContain(`?start=r${pat.code}`);
  });

  it("when the owner tries to switch it on with both kinds of link off, then it stays off and newcomers still get in", async () => {
    h = createHarness();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    for (const label of ["🧩 Extensions", "📂 Referrals", "❌ Access only by ref. link"]) {
      await h.press(h.owner, label);
    }
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    expect(h.record(ann)?.status).toBe("active");
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
  });

  it("when on, then an admin is never refused", async () => {
    h = createHarness({ settings: { refLinkOnly: { enabled: true } } });
    await h.start(h.owner);
    expect(h.record(h.owner)?.status).toBe("active");
  });
});
