import { and, count, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  linkClicks,
  sequencePollAnswers,
  sequenceSends,
  sequenceSubscriptions,
} from "../../src/db/schema/index.js";
import { addStep, createSequence } from "../../src/features/sequences/sequence-commands.js";
import { subscribe } from "../../src/features/sequences/subscription-commands.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";
import { admin, createTestSender, hour, signUpForm } from "../support/sequence-helpers.js";

const publicUrl = "https://bot.example.com";

let h: ApiHarness;
afterEach(() => h.close());

/** The URL buttons of the newest message to the user that has any. */
function urlButtonsOf(user: SimUser): Array<{ text: string; url: string }> {
  const message = h.fake
    .messagesTo(user.id)
    .findLast((m) => h.fake.inlineButtons(m).some((b) => b.url !== undefined));
  return h.fake.inlineButtons(message).map((b) => ({ text: b.text, url: b.url ?? "" }));
}

/** Opens a tracked link as a browser would: where it redirects. */
async function follow(url: string): Promise<string> {
  expect(url.startsWith(`${publicUrl}/c/`)).toBe(true);
  const answer = await h.get(url.slice(publicUrl.length), { token: null });
  expect(answer.status).toBe(302);
  return answer.headers.get("location") ?? "";
}

function pollSentTo(user: SimUser) {
  const poll = h.fake.messagesTo(user.id).findLast((m) => m.kind === "poll")?.message.poll;
  if (!poll) throw new Error(`no poll in chat ${user.id}`);
  return poll;
}

const db = () => h.services.db;

describe("sequence steps: polls", () => {
  it("when a poll step is sent, then each subscriber gets a non-anonymous poll of their own, and their answer is stored for the step, written to the attribute and counted", async () => {
    h = createApiHarness();
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]) as [SimUser, SimUser];
    const sequence = createSequence(h.services, admin, { name: "Survey", enabled: true });
    const step = addStep(h.services, admin, sequence.id, {
      content: {
        type: "poll",
        question: "Which plan?",
        options: ["Free", "Pro", "Team"],
        allowsMultipleAnswers: false,
        attribute: "plan",
      },
      delayMs: 0,
    });
    for (const user of [ann, bob]) subscribe(h.services, admin, { sequenceId: sequence.id, userId: user.id });
    await createTestSender(h).pass();

    const annPoll = pollSentTo(ann);
    const bobPoll = pollSentTo(bob);
    expect(annPoll).toMatchObject({ question: "Which plan?", is_anonymous: false });
    expect(annPoll.id).not.toBe(bobPoll.id);

    await h.send(h.fake.updates.pollAnswer(ann, annPoll.id, [1]));
    // Bob answering Ann's poll is not Ann's answer.
    await h.send(h.fake.updates.pollAnswer(bob, annPoll.id, [0]));
    await h.send(h.fake.updates.pollAnswer(bob, bobPoll.id, [2]));
    await h.send(h.fake.updates.pollAnswer(bob, bobPoll.id, []));

    const rows = db().select().from(sequencePollAnswers).all();
    expect(rows).toEqual([{ stepId: step.id, option: 2, userId: ann.id, answeredAt: h.clock.now() }]);
    expect(h.services.users.attributesOf(ann.id).find((a) => a.key === "plan")?.value).toBe("Pro");
    expect(h.services.sequences.stats(sequence.id).steps[0]).toMatchObject({ sent: 2, voters: 1 });

    const results = await h.get(`/api/sequences/${sequence.id}/steps/${step.id}/poll`);
    expect(results.status).toBe(200);
    expect(results.json).toMatchObject({
      step_id: step.id,
      question: "Which plan?",
      voters: 1,
      options: [
        { option: 1, text: "Free", votes: 0 },
        { option: 2, text: "Pro", votes: 1, percent: 100 },
        { option: 3, text: "Team", votes: 0 },
      ],
    });
  });
});

describe("sequence steps: form buttons and clicks", () => {
  it("when a step carries a form button, then following it (tracked as the step's click) opens the bot with the form's code and the form starts", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const form = signUpForm(h);
    const sequence = createSequence(h.services, admin, { name: "Onboarding", enabled: true });
    const step = addStep(h.services, admin, sequence.id, {
      content: { type: "text", text: "Tell us more, {first_name}" },
      formButton: { formId: form.id, text: "Sign up" },
      delayMs: 0,
    });
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    await createTestSender(h).pass();

    const [button] = urlButtonsOf(ann);
    expect(button?.text).toBe("Sign up");
    const target = await follow(button?.url ?? "");
    expect(target).toBe(`https://t.me/${h.fake.botInfo.username}?start=${form.code}`);
    await h.start(ann, form.code);
    expect(h.fake.textsTo(ann.id).at(-1)).toContain("Which city?");

    const clicks = db().select().from(linkClicks).all();
    expect(clicks).toMatchObject([{ userId: ann.id, url: target, stepId: step.id }]);
    expect(h.services.sequences.stats(sequence.id).steps[0]).toMatchObject({ clicks: 1 });
  });

  it("when two steps carry the same URL, then each step counts the clicks on its own link, a repeat within half an hour counts once, and a mailing's link is no step's", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const site = "https://example.com/offer";
    const sequence = createSequence(h.services, admin, { name: "Offers", enabled: true });
    const steps = ["First", "Second"].map((text, i) =>
      addStep(h.services, admin, sequence.id, {
        content: { type: "text", text },
        buttons: [[{ text: "Offer", url: site }]],
        delayMs: i * hour,
      }),
    );
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    const sender = createTestSender(h);
    await sender.pass();
    const first = urlButtonsOf(ann)[0]?.url ?? "";
    await follow(first);
    await follow(first);
    h.clock.advance(hour);
    await sender.pass();
    const second = urlButtonsOf(ann)[0]?.url ?? "";
    expect(second).not.toBe(first);
    expect(await follow(second)).toBe(site);
    const mailingLink = h.services.links?.wrap(site, ann.id) ?? "";
    await follow(mailingLink);

    expect(h.services.sequences.stats(sequence.id).steps.map((s) => s.clicks)).toEqual([1, 1]);
    const byStep = db()
      .select({ stepId: linkClicks.stepId, n: count() })
      .from(linkClicks)
      .groupBy(linkClicks.stepId)
      .orderBy(sql`${linkClicks.stepId} NULLS FIRST`)
      .all();
    expect(byStep).toEqual([
      { stepId: null, n: 1 },
      { stepId: steps[0]?.id, n: 1 },
      { stepId: steps[1]?.id, n: 1 },
    ]);
  });
});

describe("sequence steps: stats", () => {
  it("when steps are sent, fail, are clicked and stopped at, then the stats per step and per sequence match the database", async () => {
    h = createApiHarness({ publicUrl });
    const users = seedBotUsers(h, [
      { first_name: "Ann" },
      { first_name: "Bob" },
      { first_name: "Cid" },
      { first_name: "Dee" },
    ]) as [SimUser, SimUser, SimUser, SimUser];
    const [ann, bob, cid, dee] = users;
    const sequence = createSequence(h.services, admin, { name: "Drip", enabled: true, stopButton: true });
    for (const [i, text] of ["One", "Two", "Three"].entries())
      addStep(h.services, admin, sequence.id, {
        content: { type: "text", text },
        buttons: [[{ text: "Read", url: "https://example.com/read" }]],
        delayMs: i * hour,
      });
    for (const user of users) subscribe(h.services, admin, { sequenceId: sequence.id, userId: user.id });
    h.fake.setUserState(dee, "blocked");
    const sender = createTestSender(h);
    await sender.pass();
    await follow(urlButtonsOf(ann)[0]?.url ?? "");
    await follow(urlButtonsOf(bob)[0]?.url ?? "");
    await h.press(cid, /Stop these messages/);
    h.clock.advance(hour);
    await sender.pass();
    await h.press(bob, /Stop these messages/);
    h.clock.advance(2 * hour);
    await sender.pass();

    const steps = h.services.sequences.steps(sequence.id);
    const sendsOf = (stepId: number, status: "sent" | "failed") =>
      db()
        .select({ n: count() })
        .from(sequenceSends)
        .where(and(eq(sequenceSends.stepId, stepId), eq(sequenceSends.status, status)))
        .get()?.n;
    const stoppedAt = (stepId: number) =>
      db()
        .select({ n: count() })
        .from(sequenceSubscriptions)
        .where(eq(sequenceSubscriptions.stoppedStepId, stepId))
        .get()?.n;
    const clicksOf = (stepId: number) =>
      db().select({ n: count() }).from(linkClicks).where(eq(linkClicks.stepId, stepId)).get()?.n;
    const expected = steps.map((step) => ({
      step_id: step.id,
      position: step.position,
      sent: sendsOf(step.id, "sent"),
      failed: sendsOf(step.id, "failed"),
      unknown: 0,
      clicks: clicksOf(step.id),
      voters: 0,
      unsubscribes: stoppedAt(step.id),
    }));
    // Step 1: sent to Ann, Bob, Cid; Dee blocked the bot. Step 2: Ann and Bob (Cid stopped at step 1), Bob
    // stops there. Step 3: Ann.
    expect(expected.map((s) => [s.sent, s.clicks, s.unsubscribes])).toEqual([
      [3, 2, 1],
      [2, 0, 1],
      [1, 0, 0],
    ]);
    expect(expected[0]?.failed).toBe(1);

    const answer = await h.get(`/api/sequences/${sequence.id}/stats`);
    expect(answer.status).toBe(200);
    const statusCount = (status: "active" | "completed" | "stopped") =>
      db()
        .select({ n: count() })
        .from(sequenceSubscriptions)
        .where(
          and(eq(sequenceSubscriptions.sequenceId, sequence.id), eq(sequenceSubscriptions.status, status)),
        )
        .get()?.n;
    expect(answer.json).toEqual({
      active: statusCount("active"),
      completed: statusCount("completed"),
      stopped: statusCount("stopped"),
      steps: expected,
    });
    expect(answer.json).toMatchObject({ active: 0 });
  });
});
