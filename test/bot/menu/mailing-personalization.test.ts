import { describe, expect, it } from "vitest";
import type { MailingRecord } from "../../../src/db/schema/index.js";
import type { MailingEngine } from "../../../src/features/mailing/mailing-engine.js";
import { openAdmin } from "../../support/admin-helpers.js";
import { type Harness, ownerId } from "../../support/bot-harness.js";
import { startMailingHarness, stopEngineAfterEach, waitForStatus } from "../../support/mailing-helpers.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

let seed: ReturnType<typeof startMailingHarness>["seed"];
let say: ReturnType<typeof startMailingHarness>["say"];
let lastText: ReturnType<typeof startMailingHarness>["lastText"];

function setUp() {
  const started = startMailingHarness();
  ({ h, engine, seed, say, lastText } = started);
  return started.repository;
}
const keyboardOf = (message: { reply_markup?: unknown } | undefined) =>
  ((message?.reply_markup as { keyboard?: Array<Array<{ text: string }>> })?.keyboard ?? []).map((row) =>
    row.map((b) => b.text),
  );
const lastMailing = () => h.services.mailings.list(1)[0] as MailingRecord;

/** Ann on the pro plan in Malaysia with an email; Bob with nothing beyond his name. */
function seedCustomers() {
  const [ann, bob] = seed({ first_name: "Ann", username: "ann_pro" }, { first_name: "Bob" });
  if (!ann || !bob) throw new Error("not seeded");
  const now = h.clock.now();
  h.services.users.setAttribute(ann.id, "plan", "pro", now);
  h.services.users.setAttribute(ann.id, "country", "Malaysia", now);
  h.services.users.setEmail(ann.id, "ann@example.com");
  return { ann, bob };
}

const personalText = "{first_name}: plan {attr.plan|free}, from {country|somewhere}, {email|no email yet}";

describe("admin menu: personalized mailings", () => {
  it("when a mailing uses profile fields and attributes with fallbacks, then each recipient gets their own text", async () => {
    const repository = setUp();
    const { ann, bob } = seedCustomers();
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await say(personalText, "⏭ No buttons", "👥 Everyone alive", "✅ Continue", "🚀 Send now");
    await waitForStatus(repository, lastMailing().id);
    expect(h.fake.textsTo(ann.id)).toEqual(["Ann: plan pro, from Malaysia, ann@example.com"]);
    expect(h.fake.textsTo(bob.id)).toEqual(["Bob: plan free, from somewhere, no email yet"]);
  });

  it("when the text uses an unknown field, then the wizard names it, asks again and nothing is created", async () => {
    setUp();
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await say("Hi {frist_name}!");
    expect(lastText()).toContain("{frist_name}, a field no user has");
    await say("Hi {first_name}!");
    expect(lastText()).toContain("URL buttons");
    expect(h.services.mailings.list(10)).toEqual([]);
  });

  it("when 👤 Preview as… names a user, then the admin gets the message as that user would, and nobody else gets anything", async () => {
    setUp();
    const { ann, bob } = seedCustomers();
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await say(personalText, "⏭ No buttons", "👥 Everyone alive", "👤 Preview as…");
    await say("@nobody_here");
    expect(lastText()).toContain("No user has that id or username");
    await say("@ann_pro");
    const [intro, preview] = h.fake.textsTo(ownerId).slice(-3);
    expect(intro).toContain(`As Ann (id ${ann.id}) gets it — the mailing's own message`);
    expect(preview).toBe("Ann: plan pro, from Malaysia, ann@example.com");
    await say("👤 Preview as…", String(bob.id));
    expect(h.fake.textsTo(ownerId).at(-2)).toBe("Bob: plan free, from somewhere, no email yet");
    expect(h.fake.textsTo(ann.id)).toEqual([]);
    expect(h.fake.textsTo(bob.id)).toEqual([]);
    expect(h.services.mailings.list(10)).toEqual([]);
  });

  it("when variants are added per segment, then the first matching variant wins, the rest get the default, and preview follows", async () => {
    const repository = setUp();
    const { ann, bob } = seedCustomers();
    const [carl] = seed({ first_name: "Carl", language_code: "de" });
    if (!carl) throw new Error("not seeded");
    h.services.users.setAttribute(carl.id, "plan", "pro", h.clock.now());
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await say("Hello {first_name}", "⏭ No buttons", "👥 Everyone alive", "🎯 Variants: 0");
    expect(lastText()).toContain("No variants yet.");
    await say("➕ Add variant", "lang:de", "Hallo {first_name}, Ihr Plan: {attr.plan}");
    expect(h.fake.textsTo(ownerId)).toContain("✅ Variant 1 added.");
    await say("🎯 Variants: 1", "➕ Add variant", "attr.plan=pro", "Pro news for {first_name}");
    await say("🎯 Variants: 2", "➕ Add variant", "not a segment (", "↩️ Options");
    await say("🎯 Variants: 2");
    expect(lastText()).toContain("1. lang:de → text “Hallo {first_name}, Ihr Plan: {attr.plan}”");
    expect(lastText()).toContain("2. plan=pro → text “Pro news for {first_name}”");
    await say("↩️ Options", "👤 Preview as…", String(carl.id));
    expect(h.fake.textsTo(ownerId).at(-3)).toContain("variant 1 (lang:de)");
    expect(h.fake.textsTo(ownerId).at(-2)).toBe("Hallo Carl, Ihr Plan: pro");
    h.services.users.setAttribute(ownerId, "plan", "pro", h.clock.now());
    await say("🧪 Test send");
    expect(h.fake.textsTo(ownerId).at(-2)).toBe("Pro news for Owner");
    await say("✅ Continue");
    expect(lastText()).toContain("Variants: 2");
    await say("🚀 Send now");

    const mailing = await waitForStatus(repository, lastMailing().id);
    expect(h.services.mailingVariants.list(mailing.id).map((v) => v.segment)).toEqual([
      "lang:de",
      "plan=pro",
    ]);
    expect(h.fake.textsTo(carl.id)).toEqual(["Hallo Carl, Ihr Plan: pro"]);
    expect(h.fake.textsTo(ann.id)).toEqual(["Pro news for Ann"]);
    expect(h.fake.textsTo(bob.id)).toEqual(["Hello Bob"]);
  });

  it("when a variant's text uses an unknown field, then it is refused by name and the variant is not added", async () => {
    setUp();
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await say("Hello", "⏭ No buttons", "👥 Everyone alive", "🎯 Variants: 0", "➕ Add variant", "tag:vip");
    await say("VIP {attr.tier|gold} {vip_level}");
    expect(lastText()).toContain("{vip_level}, a field no user has");
    await say("↩️ Options");
    expect(keyboardOf(h.fake.lastMessageTo(ownerId)).flat()).toContain("🎯 Variants: 0");
  });
});
