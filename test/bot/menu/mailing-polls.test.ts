import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { startPolling } from "../../../src/bot/polling.js";
import { type MailingRecord, pollAnswers } from "../../../src/db/schema/index.js";
import { createMailing } from "../../../src/features/mailing/mailing-commands.js";
import type { MailingEngine } from "../../../src/features/mailing/mailing-engine.js";
import { parseSegment } from "../../../src/features/segments/segment.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import type { Harness } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";
import { startMailingHarness, stopEngineAfterEach, waitForStatus } from "../../support/mailing-helpers.js";
import { waitFor } from "../../support/wait-for.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

const lastMailing = () => h.services.mailings.list(1)[0] as MailingRecord;

/** The poll the bot sent to a user (each recipient's poll has an id of its own). */
function pollSentTo(user: SimUser) {
  const poll = h.fake.messagesTo(user.id).findLast((m) => m.kind === "poll")?.message.poll;
  if (!poll) throw new Error(`no poll in chat ${user.id}`);
  return poll;
}

const answersOf = (mailingId: number, user: SimUser) =>
  h.database.db
    .select({ option: pollAnswers.option })
    .from(pollAnswers)
    .where(and(eq(pollAnswers.mailingId, mailingId), eq(pollAnswers.userId, user.id)))
    .all()
    .map((r) => r.option);

const attribute = (user: SimUser, key: string) =>
  h.services.users.attributesOf(user.id).find((a) => a.key === key)?.value;

const segmentCount = (text: string) => {
  const parsed = parseSegment(text);
  if (!parsed.ok) throw new Error(text);
  return h.services.segments.countSegment(parsed.tree);
};

describe("admin menu: poll mailings", () => {
  it("when the mailing is a poll, then the options offer no variants and a typed variants key is refused", async () => {
    const started = startMailingHarness();
    ({ h, engine } = started);
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await h.send(h.fake.updates.poll(h.owner, { question: "Lunch?", options: ["Soup", "Salad"] }));
    await started.say("⏭ No attribute", "⏭ No buttons", "👥 Everyone alive");
    const keys = (
      h.fake.lastMessageTo(h.owner.id)?.reply_markup as { keyboard?: { text: string }[][] }
    )?.keyboard
      ?.flat()
      .map((k) => k.text);
    expect(keys).toContain("👤 Preview as…");
    expect(keys?.some((k) => k.startsWith("🎯 Variants"))).toBe(false);
    const before = h.fake.textsTo(h.owner.id).length;
    await started.say("🎯 Variants: 0");
    const said = h.fake.textsTo(h.owner.id).slice(before);
    expect(said[0]).toContain("a poll goes out as the mailing's own message");
    expect(said.at(-1)).toContain("⚙️ Options");
  });

  it("when the owner sends a poll to the wizard, then each recipient gets a non-anonymous poll of their own, answers are stored, written to the attribute and shown in the report", async () => {
    const started = startMailingHarness();
    ({ h, engine } = started);
    const [ann, bob, cid] = started.seed({ first_name: "Ann" }, { first_name: "Bob" }, { first_name: "Cid" });
    started.seed({ state: "blocked" });

    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    // The admin's own poll is anonymous; the mailing's polls are not.
    await h.send(
      h.fake.updates.poll(h.owner, { question: "Favourite colour?", options: ["Red", "Blue", "Green"] }),
    );
    expect(started.lastText()).toContain("Send the attribute key");
    await started.say("Favourite-Colour");
    expect(started.lastText()).toContain("“Favourite-Colour” is no attribute key");
    await started.say("favourite_colour", "⏭ No buttons", "👥 Everyone alive", "✅ Continue");
    expect(started.lastText()).toContain("Content: poll “Favourite colour?” (3 options)");
    await started.say("🚀 Send now");

    const done = await waitForStatus(started.repository, lastMailing().id);
    // Ann, Bob, Cid, the owner (a bot user too) and the blocked user, who fails.
    expect(done).toMatchObject({ total: 5, sent: 4, failed: 1 });
    const calls = h.fake.callsOf("sendPoll").filter((c) => c.ok);
    expect(calls).toHaveLength(4);
    for (const call of calls) {
      expect(call.params).toMatchObject({ question: "Favourite colour?", is_anonymous: false });
    }
    const ids = [ann, bob, cid].map((u) => pollSentTo(u).id);
    expect(new Set(ids).size).toBe(3);
    expect(pollSentTo(ann).options.map((o) => o.text)).toEqual(["Red", "Blue", "Green"]);

    await h.send(h.fake.updates.pollAnswer(ann, pollSentTo(ann).id, [0]));
    await h.send(h.fake.updates.pollAnswer(bob, pollSentTo(bob).id, [2]));
    await h.send(h.fake.updates.pollAnswer(bob, pollSentTo(bob).id, [1]));
    await h.send(h.fake.updates.pollAnswer(cid, pollSentTo(cid).id, [0]));
    await h.send(h.fake.updates.pollAnswer(cid, pollSentTo(cid).id, []));

    expect(answersOf(done.id, ann)).toEqual([1]);
    expect(answersOf(done.id, bob)).toEqual([2]);
    expect(answersOf(done.id, cid)).toEqual([]);
    expect(attribute(ann, "favourite_colour")).toBe("Red");
    expect(attribute(bob, "favourite_colour")).toBe("Blue");
    expect(attribute(cid, "favourite_colour")).toBeUndefined();
    expect(segmentCount(`poll:${done.id}=1`)).toBe(1);
    expect(segmentCount(`poll:${done.id}`)).toBe(2);
    expect(segmentCount(`poll:${done.id} -poll:${done.id}=2`)).toBe(1);

    // The final report came before any answer; the history shows the results as they stand.
    await waitFor(
      () => h.fake.textsTo(h.owner.id).some((t) => t.includes("🗳 Answered: 0 of 4")),
      "the report",
    );
    await openAdmin(h, ["📨 Mailing", "📜 History", /#1 ·/]);
    const report = currentMenu(h).text;
    expect(report).toContain("📊 Favourite colour?");
    expect(report).toContain("🗳 Answered: 2 of 4 (50%)");
    expect(report).toContain("1. Red — 1 · 50%");
    expect(report).toContain("2. Blue — 1 · 50%");
    expect(report).toContain("3. Green — 0 · 0%");
    expect(report).toContain("📝 Written to the attribute favourite_colour");
    expect(report).toContain(`poll:${done.id}=<option number>`);
  });

  it("when an answer names a poll Usher did not send, another voter, or an option the poll lacks, then nothing is stored", async () => {
    const started = startMailingHarness();
    ({ h, engine } = started);
    const [ann, bob] = started.seed({ first_name: "Ann" }, { first_name: "Bob" });
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await h.send(h.fake.updates.poll(h.owner, { question: "Yes?", options: ["Yes", "No"] }));
    await started.say("⏭ No attribute", "⏭ No buttons", "👥 Everyone alive", "✅ Continue", "🚀 Send now");
    const done = await waitForStatus(started.repository, lastMailing().id);

    // Preview polls and polls of other bots' making have ids Usher never recorded.
    await h.send(h.fake.updates.pollAnswer(ann, "1234567890", [0]));
    await h.send(h.fake.updates.pollAnswer(bob, pollSentTo(ann).id, [0]));
    await h.send(h.fake.updates.pollAnswer(ann, pollSentTo(ann).id, [5]));
    expect(h.database.db.select().from(pollAnswers).all()).toEqual([]);
    expect(h.services.users.attributesOf(ann.id)).toEqual([]);

    await h.send(h.fake.updates.pollAnswer(ann, pollSentTo(ann).id, [1]));
    expect(answersOf(done.id, ann)).toEqual([2]);
  });

  it("when the owner sends a quiz, then the recipients' polls are quizzes with the same right answer and the report marks it", async () => {
    const started = startMailingHarness();
    ({ h, engine } = started);
    const [ann] = started.seed({ first_name: "Ann" });
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await h.send(
      h.fake.updates.poll(h.owner, {
        question: "2 + 2?",
        options: ["3", "4"],
        correct_option_ids: [1],
        explanation: "Count again",
      }),
    );
    await started.say("⏭ No attribute", "⏭ No buttons", "👥 Everyone alive", "✅ Continue");
    expect(started.lastText()).toContain("Content: quiz “2 + 2?” (2 options)");
    await started.say("🚀 Send now");
    const done = await waitForStatus(started.repository, lastMailing().id);
    expect(pollSentTo(ann)).toMatchObject({
      type: "quiz",
      correct_option_ids: [1],
      explanation: "Count again",
      is_anonymous: false,
    });
    await h.send(h.fake.updates.pollAnswer(ann, pollSentTo(ann).id, [1]));
    await openAdmin(h, ["📨 Mailing", "📜 History", new RegExp(`#${done.id} ·`)]);
    expect(currentMenu(h).text).toContain("2. 4 — 1 · 100% ✅");
    expect(currentMenu(h).text).toContain("1. 3 — 0 · 0%");
  });

  it("when the bot long-polls, then it asks Telegram for poll answers and stores them", async () => {
    const started = startMailingHarness({ realTimeFake: true });
    ({ h, engine } = started);
    const [ann] = started.seed({ first_name: "Ann" });
    const { mailing } = createMailing(
      h.services,
      { kind: "admin", id: h.owner.id },
      {
        kind: "mailing",
        payload: {
          kind: "message",
          content: { type: "poll", question: "Tea?", options: ["Yes", "No"], allowsMultipleAnswers: false },
          buttons: [],
        },
        audience: { includeDead: false, segment: "" },
      },
    );
    await waitForStatus(started.repository, mailing.id);
    h.fake.enqueue(h.fake.updates.pollAnswer(ann, pollSentTo(ann).id, [1]));
    const runner = startPolling(h.bot, 10);
    try {
      await waitFor(() => answersOf(mailing.id, ann).length > 0, "the answer", 5_000);
    } finally {
      await runner.stop();
    }
    expect(h.fake.allowedUpdates).toContain("poll_answer");
    expect(answersOf(mailing.id, ann)).toEqual([2]);
  });
});
