import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { sequenceSends } from "../../src/db/schema/index.js";
import { createDeeplink } from "../../src/features/gate/deeplinks/deeplink-commands.js";
import { editStep, removeStep } from "../../src/features/sequences/sequence-commands.js";
import type { DueSubscription } from "../../src/features/sequences/sequence-repository.js";
import { subscribe, unsubscribe } from "../../src/features/sequences/subscription-commands.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { seedBotUsers } from "../support/mailing-helpers.js";
import { admin, createTestSender, hour, minute, textSequence } from "../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

const stepId = (steps: Array<{ id: number }>, i: number) => steps[i]?.id as number;
const stepTexts = (userId: number) => h.fake.textsTo(userId).filter((t) => t.startsWith("Step"));

describe("sequences", () => {
  it("when a user is subscribed, then each step comes after its delay, once, and the subscription completes", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser, SimUser];
    const { sequence } = textSequence(h, [0, hour, 2 * hour]);
    const sender = createTestSender(h);
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });

    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann"]);
    h.clock.advance(hour - minute);
    await sender.pass();
    expect(stepTexts(ann.id)).toHaveLength(1);
    h.clock.advance(minute);
    await sender.pass();
    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann", "Step 2 for Ann"]);
    h.clock.advance(2 * hour);
    await sender.pass();
    expect(stepTexts(ann.id)).toHaveLength(3);
    const sub = h.services.sequences.subscription(sequence.id, ann.id);
    expect(sub).toMatchObject({ status: "completed", dueAt: null });
    expect(h.services.sequences.stats(sequence.id)).toMatchObject({ active: 0, completed: 1 });
    expect(h.services.sequences.stats(sequence.id).steps.map((s) => s.sent)).toEqual([1, 1, 1]);
  });

  it("when a newcomer registers through /start, then an on-registration sequence takes them in", async () => {
    h = createHarness();
    const { sequence } = textSequence(h, [0], { onRegistration: true });
    h.clock.advance(minute);
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    const sender = createTestSender(h);
    await sender.pass();
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ source: "registration" });
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann"]);
    // The pass looked once; a second pass takes no one again.
    await sender.pass();
    expect(stepTexts(ann.id)).toHaveLength(1);
  });

  it("when a sequence is created after users registered, then its registration trigger leaves them out", async () => {
    h = createHarness();
    const [old] = seedBotUsers(h, [{ first_name: "Old" }]) as [SimUser, SimUser];
    h.clock.advance(minute);
    const { sequence } = textSequence(h, [0], { onRegistration: true });
    await createTestSender(h).pass();
    expect(h.services.sequences.subscription(sequence.id, old.id)).toBeUndefined();
  });

  it("when a user gets the trigger tag, then they are subscribed", async () => {
    h = createHarness();
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]) as [SimUser, SimUser];
    const { sequence } = textSequence(h, [0], { triggerTag: "vip" });
    h.clock.advance(minute);
    h.services.users.addTags(ann.id, ["vip"], h.clock.now());
    h.services.users.addTags(bob.id, ["other"], h.clock.now());
    await createTestSender(h).pass();
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ source: "tag" });
    expect(h.services.sequences.subscription(sequence.id, bob.id)).toBeUndefined();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann"]);
  });

  it("when a user opens a deeplink a sequence is triggered by, then they are subscribed", async () => {
    h = createHarness();
    createDeeplink(h.services, admin, { code: "promo", content: { type: "text", text: "Promo!" } });
    const { sequence } = textSequence(h, [0], { triggerDeeplink: "promo" });
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann, "promo");
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ source: "deeplink" });
    await createTestSender(h).pass();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann"]);
  });

  it("when the user presses the stop button, then no further step comes and the step counts the unsubscribe", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser, SimUser];
    const { sequence, steps } = textSequence(h, [0, hour], { stopButton: true });
    const sender = createTestSender(h);
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    await sender.pass();
    await h.press(ann, /Stop these messages/);
    h.clock.advance(2 * hour);
    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann"]);
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({
      status: "stopped",
      stopReason: "user",
    });
    expect(h.services.sequences.stats(sequence.id).steps[0]).toMatchObject({ unsubscribes: 1 });
    expect(steps).toHaveLength(2);
  });

  it("when stop data names another user's subscription, then it is ignored", async () => {
    h = createHarness();
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]) as [SimUser, SimUser];
    const { sequence, steps } = textSequence(h, [0, hour], { stopButton: true });
    const annSub = subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: bob.id });
    await createTestSender(h).pass();
    const bobsStep = h.fake.lastMessageTo(bob.id);
    await h.send(
      h.fake.updates.callback(bob, {
        message_id: bobsStep?.message_id as number,
        data: `seqstop:${annSub.id}:${stepId(steps, 0)}`,
      }),
    );
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ status: "active" });
    expect(h.services.sequences.subscription(sequence.id, bob.id)).toMatchObject({ status: "active" });
  });

  it("when an admin unsubscribes a user, then the rest is not sent and the change is audited", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser, SimUser];
    const { sequence } = textSequence(h, [0, hour]);
    const sender = createTestSender(h);
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    await sender.pass();
    expect(unsubscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id })).toBe(true);
    h.clock.advance(2 * hour);
    await sender.pass();
    expect(stepTexts(ann.id)).toHaveLength(1);
    const actions = h.services.audit.recent().map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["sequences.subscribe", "sequences.unsubscribe"]));
  });

  it("when a stopped user is subscribed again, then restart begins at the first step and resume where they were", async () => {
    h = createHarness();
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]) as [SimUser, SimUser];
    const restart = textSequence(h, [0, hour, hour], { resubscribe: "restart" }).sequence;
    const resume = textSequence(h, [0, hour, hour], { resubscribe: "resume" }).sequence;
    const sender = createTestSender(h);
    subscribe(h.services, admin, { sequenceId: restart.id, userId: ann.id });
    subscribe(h.services, admin, { sequenceId: resume.id, userId: bob.id });
    await sender.pass();
    h.clock.advance(hour);
    await sender.pass();
    unsubscribe(h.services, admin, { sequenceId: restart.id, userId: ann.id });
    unsubscribe(h.services, admin, { sequenceId: resume.id, userId: bob.id });
    subscribe(h.services, admin, { sequenceId: restart.id, userId: ann.id });
    subscribe(h.services, admin, { sequenceId: resume.id, userId: bob.id });
    h.clock.advance(hour);
    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann", "Step 2 for Ann", "Step 1 for Ann"]);
    expect(stepTexts(bob.id)).toEqual(["Step 1 for Bob", "Step 2 for Bob", "Step 3 for Bob"]);
  });

  it("when a step has a sending window, then it waits for the window in the user's time zone, else the bot's", async () => {
    h = createHarness({ settings: { mailing: { timezone: "UTC" } } });
    // The clock starts at 12:00 UTC: 21:00 in Tokyo, inside 09:00–20:00 in UTC.
    const [tokyo, utc] = seedBotUsers(h, [{ first_name: "Yuki" }, { first_name: "Una" }]) as [
      SimUser,
      SimUser,
    ];
    h.services.db.$client.prepare("UPDATE users SET timezone = 'Asia/Tokyo' WHERE id = ?").run(tokyo.id);
    const { sequence } = textSequence(h, [0], {}, { start: 9 * 60, end: 20 * 60 });
    const sender = createTestSender(h);
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: tokyo.id });
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: utc.id });
    await sender.pass();
    expect(stepTexts(utc.id)).toHaveLength(1);
    expect(stepTexts(tokyo.id)).toHaveLength(0);
    expect(h.services.sequences.subscription(sequence.id, tokyo.id)?.dueAt).toEqual(
      new Date("2026-06-02T00:00:00Z"),
    );
    h.clock.advance(12 * hour);
    await sender.pass();
    expect(stepTexts(tokyo.id)).toEqual(["Step 1 for Yuki"]);
  });

  it("when a user blocked the bot, then failed steps count toward Dead After and the user's subscriptions stop", async () => {
    h = createHarness({ settings: { mailing: { deadAfter: 2 } } });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann", state: "blocked" }]) as [SimUser, SimUser];
    const { sequence } = textSequence(h, [0, minute, minute]);
    const sender = createTestSender(h);
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    await sender.pass();
    expect(h.services.users.find(ann.id)).toMatchObject({ failedDeliveries: 1, deadAt: null });
    h.clock.advance(minute);
    await sender.pass();
    expect(h.services.users.find(ann.id)?.deadAt).not.toBeNull();
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({
      status: "stopped",
      stopReason: "dead",
    });
    expect(h.services.sequences.stats(sequence.id).steps.map((s) => s.failed)).toEqual([1, 1, 0]);
  });

  it("when a step is edited or removed, then only steps not yet sent change", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser, SimUser];
    const { sequence, steps } = textSequence(h, [0, hour, hour]);
    const sender = createTestSender(h);
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    await sender.pass();
    editStep(h.services, admin, sequence.id, stepId(steps, 0), {
      content: { type: "text", text: "Step one, new" },
      delayMs: 0,
    });
    removeStep(h.services, admin, sequence.id, stepId(steps, 1));
    h.clock.advance(hour);
    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann", "Step 3 for Ann"]);
  });

  it("when a crash left a step 'sending', then the restart never sends it again and moves on to the next", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser, SimUser];
    const { sequence, steps } = textSequence(h, [0, 0]);
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    const due = h.services.sequences.due(h.clock.now(), 10)[0] as DueSubscription;
    // What a process killed between its claim and Telegram's answer leaves behind.
    expect(h.services.sequences.claim(due, stepId(steps, 0), h.clock.now(), undefined)).toBe(true);
    h.restart();
    const sender = createTestSender(h);
    sender.start();
    await sender.stop();
    await sender.pass();
    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 2 for Ann"]);
    const sends = h.services.db
      .select()
      .from(sequenceSends)
      .where(eq(sequenceSends.subscriptionId, due.id))
      .all();
    expect(sends.map((s) => s.status)).toEqual(["unknown", "sent"]);
  });

  it("when Telegram answers 429, then the step is not lost: it is sent on a later pass", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser, SimUser];
    const { sequence } = textSequence(h, [0]);
    const sender = createTestSender(h);
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    h.fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    await sender.pass();
    expect(stepTexts(ann.id)).toHaveLength(0);
    h.clock.advance(2000);
    await sender.pass();
    expect(stepTexts(ann.id)).toEqual(["Step 1 for Ann"]);
  });
});
