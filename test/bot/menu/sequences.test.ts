import { afterEach, describe, expect, it } from "vitest";
import { subscribe } from "../../../src/features/sequences/subscription-commands.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";
import { seedBotUsers } from "../../support/mailing-helpers.js";
import { createTestSender, hour, textSequence } from "../../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

describe("admin menu: sequences page", () => {
  it("when the owner creates a sequence, adds steps by sending messages and switches it on, then subscribers get the steps", async () => {
    h = createHarness();
    await openAdmin(h, ["📬 Sequences"]);
    expect(currentMenu(h).text).toContain("No sequences yet.");
    await h.press(h.owner, "➕ New sequence");
    await h.say(h.owner, "Onboarding");
    const [sequence] = h.services.sequences.list();
    expect(sequence).toMatchObject({ name: "Onboarding", enabled: false });

    await h.press(h.owner, "📬 Onboarding");
    await h.press(h.owner, "➕ Add step");
    await h.say(h.owner, "Welcome, {first_name}!");
    await h.say(h.owner, "five minutes");
    expect(h.fake.textsTo(ownerId).at(-1)).toContain("Send a number with m, h or d");
    await h.say(h.owner, "0");
    await h.say(h.owner, "any");
    expect(h.fake.textsTo(ownerId)).toContain("✅ Step 1 added.");

    await h.press(h.owner, "📬 Onboarding");
    await h.press(h.owner, "➕ Add step");
    await h.say(h.owner, "Day two");
    await h.say(h.owner, "1d");
    await h.say(h.owner, "09:00-20:00");
    await h.press(h.owner, "📬 Onboarding");
    expect(currentMenu(h).text).toContain("1. text, after 0: sent 0");
    expect(currentMenu(h).text).toContain("2. text, after 1d within 09:00–20:00");
    await h.press(h.owner, "❌ Sending");
    expect(h.services.sequences.find(sequence?.id as number)?.enabled).toBe(true);
    expect(currentMenu(h).buttons[0]).toBe("✅ Sending");
    await h.press(h.owner, "🔁 Coming back: restart");
    expect(h.services.sequences.find(sequence?.id as number)?.resubscribe).toBe("resume");
    expect(currentMenu(h).buttons).toContain("🔁 Coming back: resume");

    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    subscribe(
      h.services,
      { kind: "admin", id: ownerId },
      { sequenceId: sequence?.id as number, userId: ann.id },
    );
    const sender = createTestSender(h);
    await sender.pass();
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann!"]);
    h.clock.advance(24 * hour);
    await sender.pass();
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann!", "Day two"]);

    const actions = h.services.audit.recent().map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["sequences.create", "sequences.add_step", "sequences.edit"]),
    );
  });

  it("when the owner presses Preview, then every step comes to the owner's chat as subscribers get it", async () => {
    h = createHarness();
    await openAdmin(h, ["📬 Sequences", "➕ New sequence"]);
    await h.say(h.owner, "Tips");
    await h.press(h.owner, "📬 Tips");
    await h.press(h.owner, "➕ Add step");
    await h.say(h.owner, "Tip for {first_name}");
    await h.say(h.owner, "2h");
    await h.say(h.owner, "any");
    await h.press(h.owner, "📬 Tips");
    await h.press(h.owner, "👁 Preview");
    expect(h.fake.textsTo(ownerId)).toContain("Tip for Owner");
  });

  it("when an admin opens a user's card, then it lists their sequences with the next step and ➕/➖ put them in and take them out", async () => {
    h = createHarness();
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    const { sequence } = textSequence(h, [0, hour]);
    await openAdmin(h, ["👥 Users", "🔎 Search"]);
    await h.say(h.owner, String(ann.id));
    await h.press(h.owner, "📬 Sequences");
    expect(currentMenu(h).text).toContain("In no sequence.");
    await h.press(h.owner, "➕ Welcome");
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({
      status: "active",
      source: "admin",
    });
    await createTestSender(h).pass();
    await h.press(h.owner, "➖ Welcome");
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({
      status: "stopped",
      stopReason: "admin",
    });
    expect(currentMenu(h).text).toContain("• Welcome: stopped, next step 2");
    expect(currentMenu(h).buttons).toContain("➕ Welcome");
  });
});
