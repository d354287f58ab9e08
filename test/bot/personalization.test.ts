import { afterEach, describe, expect, it } from "vitest";
import { openAdmin } from "../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";

let h: Harness;
afterEach(() => h.close());

describe("personalized gate texts and welcome", () => {
  it("when the welcome uses an attribute with a fallback, then a newcomer gets the fallback and a user with the attribute their value", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "✏️ Set message"]);
    await h.say(h.owner, "Hi {first_name}, your plan: {attr.plan|free} ({language|?})");
    expect(h.services.settings.get("welcome").content).toMatchObject({
      text: "Hi {first_name}, your plan: {attr.plan|free} ({language|?})",
    });
    const ann = h.addUser({ first_name: "Ann", language_code: "ms" });
    await h.start(ann);
    expect(h.fake.textsTo(ann.id)).toEqual(["Hi Ann, your plan: free (ms)"]);

    h.services.users.setAttribute(ann.id, "plan", "pro", h.clock.now());
    await h.start(ann);
    expect(h.fake.textsTo(ann.id).at(-1)).toBe("Hi Ann, your plan: pro (ms)");
  });

  it("when the welcome uses an unknown field, then the admin is told its name, asked again, and the welcome is unchanged", async () => {
    h = createHarness();
    const before = h.services.settings.get("welcome").content;
    await openAdmin(h, ["👋 Welcome message", "✏️ Set message"]);
    await h.say(h.owner, "Hi {frist_name}!");
    expect(h.fake.textsTo(ownerId).at(-1)).toContain("{frist_name}, a field no user has");
    expect(h.services.settings.get("welcome").content).toEqual(before);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when a maintenance text with an unknown field is saved, then the refusal names it and nothing changes; a known one is filled for each user", async () => {
    h = createHarness({ settings: { maintenance: { enabled: true } } });
    const before = h.services.settings.get("maintenance").text;
    await openAdmin(h, ["🧩 Extensions", "🛠 Maintenance", "✏️ Edit text"]);
    await h.say(h.owner, "Back soon, {first_name}! {attr.x}{eta}");
    expect(h.fake.textsTo(ownerId).at(-1)).toContain("{eta}, a field no user has");
    expect(h.services.settings.get("maintenance").text).toBe(before);

    await openAdmin(h, ["🧩 Extensions", "🛠 Maintenance", "✏️ Edit text"]);
    await h.say(h.owner, "Back soon, {first_name}! ETA {attr.eta|tonight}");
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    expect(h.fake.textsTo(ann.id).at(-1)).toBe("Back soon, Ann! ETA tonight");
  });

  it("when the captcha intro uses fields, then the newcomer's challenge is addressed to them", async () => {
    h = createHarness({
      settings: { captcha: { enabled: true, introText: "{first_name}, prove you are human" } },
    });
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    expect(h.fake.textsTo(ann.id)[0]).toMatch(/^Ann, prove you are human\n\n/);
  });

  it("when /ref is asked, then the link text fills its own fields besides the user's", async () => {
    h = createHarness({
      settings: {
        userReferrals: { enabled: true, linkText: "{first_name} ({email|no email}): {link} · {count}" },
      },
    });
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    await h.send(h.fake.updates.command(ann, "ref"));
    expect(h.fake.textsTo(ann.id).at(-1)).toMatch(/^Ann \(no email\): https:\/\/t\.me\/\S+\?start=r\S+ · 0$/);
  });
});

describe("deeplinks with fields", () => {
  it("when a deeplink's text uses an unknown field, then it is asked for again; a known one is filled for the visitor", async () => {
    h = createHarness();
    await openAdmin(h, ["🧩 Extensions", "🔗 Deeplinks"]);
    await h.press(h.owner, "➕ New deeplink");
    await h.say(h.owner, "promo");
    await h.say(h.owner, "Your code, {first_name}: {promo_code}");
    expect(h.fake.textsTo(ownerId).at(-1)).toContain("{promo_code}, a field no user has");
    await h.say(h.owner, "Your plan, {first_name}: {attr.plan|free}");
    await h.say(h.owner, "-");
    expect(h.services.deeplinks.find("promo")?.content).toMatchObject({
      text: "Your plan, {first_name}: {attr.plan|free}",
    });
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann, "promo");
    expect(h.fake.textsTo(ann.id)).toContain("Your plan, Ann: free");
  });
});
