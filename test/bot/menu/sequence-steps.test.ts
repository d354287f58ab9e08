import { afterEach, describe, expect, it } from "vitest";
import { sequencePollAnswers } from "../../../src/db/schema/index.js";
import { addAdmin, removeAdmin } from "../../../src/features/admins/admin-rights.js";
import { cliActor } from "../../../src/features/audit/audit-log.js";
import { subscribe } from "../../../src/features/sequences/subscription-commands.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";
import { type ApiHarness, createApiHarness } from "../../support/http-harness.js";
import { seedBotUsers } from "../../support/mailing-helpers.js";
import { admin, createTestSender, signUpForm, textSequence } from "../../support/sequence-helpers.js";

const publicUrl = "https://bot.example.com";

let h: ApiHarness;
afterEach(() => h.close());

const texts = (sequenceId: number) =>
  h.services.sequences
    .steps(sequenceId)
    .map((s) => (s.content.type === "text" ? s.content.text : s.content.type));

describe("admin menu: a sequence's steps", () => {
  it("when the owner adds a step by sending a poll, then subscribers get a poll of their own and the step's page counts their answers", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    await openAdmin(h, ["📬 Sequences", "➕ New sequence"]);
    await h.say(h.owner, "Survey");
    await h.press(h.owner, "📬 Survey");
    await h.press(h.owner, "➕ Add step");
    await h.send(h.fake.updates.poll(h.owner, { question: "Tea or coffee?", options: ["Tea", "Coffee"] }));
    await h.say(h.owner, "0");
    await h.say(h.owner, "any");
    expect(h.fake.textsTo(ownerId)).toContain("✅ Step 1 added.");
    const [sequence] = h.services.sequences.list();
    const sequenceId = sequence?.id as number;
    expect(h.services.sequences.steps(sequenceId)[0]?.content).toMatchObject({
      type: "poll",
      question: "Tea or coffee?",
      options: ["Tea", "Coffee"],
    });

    await h.press(h.owner, "📬 Survey");
    await h.press(h.owner, "❌ Sending");
    subscribe(h.services, admin, { sequenceId, userId: ann.id });
    await createTestSender(h).pass();
    const poll = h.fake.messagesTo(ann.id).findLast((m) => m.kind === "poll")?.message.poll;
    expect(poll).toMatchObject({ question: "Tea or coffee?", is_anonymous: false });
    await h.send(h.fake.updates.pollAnswer(ann, poll?.id as string, [1]));
    expect(h.services.db.select().from(sequencePollAnswers).all()).toMatchObject([
      { userId: ann.id, option: 2 },
    ]);

    await h.press(h.owner, "🔁 Coming back: restart");
    expect(currentMenu(h).text).toContain(
      "1. poll, after 0: sent 1, failed 0, clicks 0, unsubscribed 0, answered 1",
    );
    await h.press(h.owner, "1. poll");
    expect(currentMenu(h).text).toContain("Answered the poll 1");
  });

  it("when the owner gives a step a form button on its page, then the subscriber gets it, following it counts as the step's click on the page, and the form starts", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const form = signUpForm(h);
    const { sequence } = textSequence(h, [0]);
    await openAdmin(h, ["📬 Sequences", "📬 Welcome", "1. text"]);
    expect(currentMenu(h).text).toContain("Form button: —");
    await h.press(h.owner, "📝 Form button");
    expect(h.fake.textsTo(ownerId).at(-1)).toContain(`${form.id}. Sign-up`);
    await h.say(h.owner, "999 Sign up");
    expect(h.fake.textsTo(ownerId).at(-1)).toContain("There is no such form");
    expect(h.services.sequences.steps(sequence.id)[0]?.formButton).toBeNull();

    await h.press(h.owner, "📝 Form button");
    await h.say(h.owner, `${form.id} Sign up`);
    expect(h.fake.textsTo(ownerId)).toContain("✅ Step 1 now carries the button “Sign up”.");
    expect(h.services.sequences.steps(sequence.id)[0]?.formButton).toEqual({
      formId: form.id,
      text: "Sign up",
    });
    expect(currentMenu(h).text).toContain("Form button: “Sign up” → Sign-up");
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "sequences.edit_step", actorId: ownerId });

    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ann.id });
    await createTestSender(h).pass();
    const message = h.fake.messagesTo(ann.id).findLast((m) => h.fake.inlineButtons(m).length > 0);
    const [button] = h.fake.inlineButtons(message);
    expect(button?.text).toBe("Sign up");
    const redirect = await h.get((button?.url ?? "").slice(publicUrl.length), { token: null });
    expect(redirect.headers.get("location")).toBe(
      `https://t.me/${h.fake.botInfo.username}?start=${form.code}`,
    );
    await h.start(ann, form.code);
    expect(h.fake.textsTo(ann.id).at(-1)).toContain("Which city?");

    await openAdmin(h, ["📬 Sequences", "📬 Welcome"]);
    expect(currentMenu(h).text).toContain("1. text + form button, after 0: sent 1, failed 0, clicks 1");
    await h.press(h.owner, "1. text");
    expect(currentMenu(h).text).toContain("Clicks 1");
  });

  it("when the owner presses ⬇️ and ⬆️ on a step's page, then the step moves through the same verb as the API, audited as the admin", async () => {
    h = createApiHarness();
    const { sequence } = textSequence(h, [0, 0, 0]);
    await openAdmin(h, ["📬 Sequences", "📬 Welcome", "1. text"]);
    expect(currentMenu(h).buttons).not.toContain("⬆️ Move up");
    await h.press(h.owner, "⬇️ Move down");
    expect(texts(sequence.id)).toEqual([
      "Step 2 for {first_name}",
      "Step 1 for {first_name}",
      "Step 3 for {first_name}",
    ]);
    expect(currentMenu(h).text).toContain("step 2 of 3");
    await h.press(h.owner, "⬇️ Move down");
    expect(texts(sequence.id).at(-1)).toBe("Step 1 for {first_name}");
    expect(currentMenu(h).buttons).not.toContain("⬇️ Move down");
    await h.press(h.owner, "⬆️ Move up");
    expect(texts(sequence.id)).toEqual([
      "Step 2 for {first_name}",
      "Step 1 for {first_name}",
      "Step 3 for {first_name}",
    ]);
    const moves = h.services.audit.recent().filter((e) => e.action === "sequences.move_step");
    expect(moves).toHaveLength(3);
    expect(moves[0]).toMatchObject({ actorId: ownerId, before: { position: 2 }, after: { position: 1 } });
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("📬 Welcome");
  });

  it("when an admin loses their rights while a step's page is open, then pressing ⬆️ moves nothing", async () => {
    h = createApiHarness();
    const [ada] = seedBotUsers(h, [{ first_name: "Ada" }]) as [SimUser];
    addAdmin(h.services, cliActor, ada.id);
    const { sequence } = textSequence(h, [0, 0]);
    await openAdmin(h, ["📬 Sequences", "📬 Welcome", "2. text"], ada);
    removeAdmin(h.services, cliActor, ada.id);
    await h.press(ada, "⬆️ Move up");
    expect(texts(sequence.id)).toEqual(["Step 1 for {first_name}", "Step 2 for {first_name}"]);
    expect(h.services.audit.recent().some((e) => e.action === "sequences.move_step")).toBe(false);
  });
});
