import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { sequenceSends } from "../../src/db/schema/index.js";
import { createCampaign } from "../../src/features/gate/referrals/referral-commands.js";
import { networkAttempts, networkRetryDelayMs } from "../../src/features/sequences/network-retry.js";
import { subscribe, unsubscribe } from "../../src/features/sequences/subscription-commands.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { seedBotUsers } from "../support/mailing-helpers.js";
import { admin, createTestSender, hour, minute, textSequence } from "../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

const stepTexts = (userId: number) => h.fake.textsTo(userId).filter((t) => t.startsWith("Step"));

describe("sequence triggers", () => {
  it("when a newcomer registers through the sequence's campaign link, then they are subscribed, and newcomers through other links are not", async () => {
    h = createHarness({ settings: { adminReferrals: { enabled: true } } });
    const spring = createCampaign(h.services, admin, { name: "Spring ads", code: "spring" });
    createCampaign(h.services, admin, { name: "Autumn ads", code: "autumn" });
    const { sequence } = textSequence(h, [0], { triggerCampaignId: spring.id });
    h.clock.advance(minute);
    const [ann, bob, cid] = [
      h.addUser({ first_name: "Ann" }),
      h.addUser({ first_name: "Bob" }),
      h.addUser({ first_name: "Cid" }),
    ];
    await h.start(ann, "aspring");
    await h.start(bob, "aautumn");
    await h.start(cid);
    await createTestSender(h).pass();
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ source: "campaign" });
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann"]);
    expect(h.services.sequences.subscription(sequence.id, bob.id)).toBeUndefined();
    expect(h.services.sequences.subscription(sequence.id, cid.id)).toBeUndefined();
  });

  it("when the trigger tag is removed and added again after the subscription stopped, then restart starts over and resume goes on", async () => {
    h = createHarness();
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]) as [SimUser, SimUser];
    const restart = textSequence(h, [0, hour, hour], {
      triggerTag: "trial",
      resubscribe: "restart",
    }).sequence;
    const resume = textSequence(h, [0, hour, hour], { triggerTag: "vip", resubscribe: "resume" }).sequence;
    const sender = createTestSender(h);
    h.clock.advance(minute);
    h.services.users.addTags(ann.id, ["trial"], h.clock.now());
    h.services.users.addTags(bob.id, ["vip"], h.clock.now());
    await sender.pass();
    h.clock.advance(hour);
    await sender.pass();
    unsubscribe(h.services, admin, { sequenceId: restart.id, userId: ann.id });
    unsubscribe(h.services, admin, { sequenceId: resume.id, userId: bob.id });
    h.clock.advance(minute);
    h.services.users.removeTag(ann.id, "trial");
    h.services.users.removeTag(bob.id, "vip");
    h.clock.advance(minute);
    h.services.users.addTags(ann.id, ["trial"], h.clock.now());
    h.services.users.addTags(bob.id, ["vip"], h.clock.now());
    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann", "Step 2 for Ann", "Step 1 for Ann"]);
    expect(h.services.sequences.subscription(restart.id, ann.id)).toMatchObject({
      status: "active",
      source: "tag",
      round: 1,
    });
    h.clock.advance(hour);
    await sender.pass();
    expect(stepTexts(bob.id)).toEqual(["Step 1 for Bob", "Step 2 for Bob", "Step 3 for Bob"]);
  });

  it("when the same tagging is seen again after the subscription ended, then the user is not taken back", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const { sequence } = textSequence(h, [0], { triggerTag: "trial" });
    const sender = createTestSender(h);
    h.clock.advance(minute);
    h.services.users.addTags(ann.id, ["trial"], h.clock.now());
    // Same instant: the tagging sits on the watermark's edge, which every later window includes.
    await sender.pass();
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ status: "completed" });
    await sender.pass();
    h.clock.advance(1000);
    await sender.pass();
    // Adding a tag the user already holds is no new tagging either.
    h.services.users.addTags(ann.id, ["trial"], h.clock.now());
    h.clock.advance(minute);
    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann"]);
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ status: "completed" });
  });

  it("when a step's send keeps failing with a network error, then it is retried with growing delays, then settled failed with the reason and never tried again", async () => {
    h = createHarness({ settings: { mailing: { deadAfter: 2 } } });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const { sequence, steps } = textSequence(h, [0, hour]);
    const sender = createTestSender(h);
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    let tries = 0;
    const restore = h.fake.dropWhen((method) => {
      if (method !== "sendMessage") return false;
      tries += 1;
      return true;
    });
    await sender.pass();
    for (let failures = 1; failures < networkAttempts; failures += 1) {
      const delay = networkRetryDelayMs(failures);
      expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({
        status: "active",
        position: 0,
        failedAttempts: failures,
        dueAt: new Date(h.clock.now().getTime() + delay),
      });
      // Not before its back-off is over.
      h.clock.advance(delay - 1000);
      await sender.pass();
      expect(tries).toBe(failures);
      h.clock.advance(1000);
      await sender.pass();
    }
    expect(tries).toBe(networkAttempts);
    const [send] = h.services.db
      .select()
      .from(sequenceSends)
      .where(and(eq(sequenceSends.stepId, steps[0]?.id as number)))
      .all();
    expect(send).toMatchObject({ status: "failed" });
    expect(send?.error).toContain(`gave up after ${networkAttempts} attempts`);
    // The bot's network, not the user: Dead After is not touched, and the next step goes on.
    expect(h.services.users.find(ann.id)).toMatchObject({ failedDeliveries: 0, deadAt: null });
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({
      status: "active",
      position: 1,
      failedAttempts: 0,
    });
    expect(h.services.sequences.stats(sequence.id).steps.map((s) => s.failed)).toEqual([1, 0]);
    restore();
    h.clock.advance(hour);
    await sender.pass();
    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 2 for Ann"]);
    expect(h.fake.callsOf("sendMessage")).toHaveLength(1);
  });
});
