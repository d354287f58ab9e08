import { afterEach, describe, expect, it } from "vitest";
import { sequencePollAnswers } from "../../src/db/schema/index.js";
import { addQuestion, createForm } from "../../src/features/forms/form-commands.js";
import { createDeeplink, setDeeplinkButtons } from "../../src/features/gate/deeplinks/deeplink-commands.js";
import type { PollContent } from "../../src/features/mailing/poll.js";
import { addStep, createSequence, editStep } from "../../src/features/sequences/sequence-commands.js";
import { subscribe } from "../../src/features/sequences/subscription-commands.js";
import { setVariant } from "../../src/features/variants/variant-commands.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { seedBotUsers } from "../support/mailing-helpers.js";
import { refusalCodeOf } from "../support/refusal-code.js";
import { admin, createTestSender } from "../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

const set = (subject: string, language: string, content: unknown) =>
  setVariant(h.services, admin, { subject, language, content });

/** The newest message to the user that carries URL buttons: its text and its buttons. */
function withButtons(user: SimUser) {
  const message = h.fake.messagesTo(user.id).findLast((m) => h.fake.inlineButtons(m).some((b) => b.url));
  return { text: message?.text, buttons: h.fake.inlineButtons(message).map((b) => [b.text, b.url]) };
}

const pollOf = (user: SimUser) => h.fake.messagesTo(user.id).findLast((m) => m.kind === "poll")?.message.poll;

describe("admin-written texts per language: deeplinks, form questions, sequence steps", () => {
  it("when a deeplink has ru and es variants, then a Russian, a Spanish and a German user each get theirs under the deeplink's buttons, the German one the default, and a switch with /language changes it", async () => {
    h = createHarness();
    createDeeplink(h.services, admin, {
      code: "promo",
      content: { type: "text", text: "Promo for {first_name}" },
      tags: [],
    });
    setDeeplinkButtons(h.services, admin, {
      code: "promo",
      buttons: [[{ text: "Shop", url: "https://shop.example.com" }]],
    });
    set("deeplink:promo", "ru", { type: "text", text: "Промо для {first_name}" });
    set("deeplink:promo", "es", { type: "text", text: "Promo para {first_name}" });
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    const ana = h.addUser({ first_name: "Ana", language_code: "es-MX" });
    const hans = h.addUser({ first_name: "Hans", language_code: "de" });

    for (const user of [ivan, ana, hans]) await h.start(user, "promo");
    const shop = [["Shop", "https://shop.example.com"]];
    expect(withButtons(ivan)).toEqual({ text: "Промо для Иван", buttons: shop });
    expect(withButtons(ana)).toEqual({ text: "Promo para Ana", buttons: shop });
    expect(withButtons(hans)).toEqual({ text: "Promo for Hans", buttons: shop });

    await h.say(ivan, "/language");
    await h.press(ivan, "🇪🇸 Español");
    await h.start(ivan, "promo");
    expect(withButtons(ivan).text).toBe("Promo para Иван");
  });

  it("when a form question has ru and es variants, then each user is asked in their language with their fields filled, the German user the prompt itself", async () => {
    h = createHarness();
    const form = createForm(h.services, admin, { name: "Survey" });
    const city = addQuestion(h.services, admin, {
      formId: form.id,
      question: {
        kind: "text",
        targetKind: "attribute",
        target: "city",
        prompt: "Your city, {first_name}?",
        required: true,
      },
    });
    set(`question:${city.id}`, "ru", "Ваш город, {first_name}?");
    set(`question:${city.id}`, "es", "¿Tu ciudad, {first_name}?");
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    const ana = h.addUser({ first_name: "Ana", language_code: "es" });
    const hans = h.addUser({ first_name: "Hans", language_code: "de" });

    for (const user of [ivan, ana, hans]) await h.start(user, form.code);
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe("Ваш город, Иван?");
    expect(h.fake.textsTo(ana.id).at(-1)).toBe("¿Tu ciudad, Ana?");
    expect(h.fake.textsTo(hans.id).at(-1)).toBe("Your city, Hans?");

    await h.say(ivan, "Москва");
    expect(h.services.users.attributesOf(ivan.id)).toMatchObject([{ key: "city", value: "Москва" }]);
  });

  it("when a sequence step has ru and es variants, then each subscriber gets theirs under the step's buttons, the German one the step itself", async () => {
    h = createHarness();
    const [ivan, ana, hans] = seedBotUsers(h, [
      { first_name: "Иван", language_code: "ru" },
      { first_name: "Ana", language_code: "es" },
      { first_name: "Hans", language_code: "de" },
    ]) as [SimUser, SimUser, SimUser];
    const sequence = createSequence(h.services, admin, { name: "Onboarding", enabled: true });
    const step = addStep(h.services, admin, sequence.id, {
      content: { type: "text", text: "Hello {first_name}" },
      buttons: [[{ text: "Docs", url: "https://docs.example.com" }]],
      delayMs: 0,
    });
    set(`step:${step.id}`, "ru", { type: "text", text: "Привет, {first_name}" });
    set(`step:${step.id}`, "es", { type: "text", text: "Hola, {first_name}" });
    for (const user of [ivan, ana, hans])
      subscribe(h.services, admin, { sequenceId: sequence.id, userId: user.id });

    await createTestSender(h).pass();
    const docs = [["Docs", "https://docs.example.com"]];
    expect(withButtons(ivan)).toEqual({ text: "Привет, Иван", buttons: docs });
    expect(withButtons(ana)).toEqual({ text: "Hola, Ana", buttons: docs });
    expect(withButtons(hans)).toEqual({ text: "Hello Hans", buttons: docs });
    expect(h.services.sequences.stats(sequence.id).steps[0]).toMatchObject({ sent: 3 });
  });

  it("when a poll step has a Russian poll, then a Russian subscriber votes in it and the answer counts as the step's option; a variant of another kind or shape is refused", async () => {
    h = createHarness();
    const [ivan, hans] = seedBotUsers(h, [
      { first_name: "Иван", language_code: "ru" },
      { first_name: "Hans", language_code: "de" },
    ]) as [SimUser, SimUser];
    const poll: PollContent = {
      type: "poll",
      question: "Which plan?",
      options: ["Free", "Pro"],
      allowsMultipleAnswers: false,
      attribute: "plan",
    };
    const sequence = createSequence(h.services, admin, { name: "Survey", enabled: true });
    const step = addStep(h.services, admin, sequence.id, { content: poll, delayMs: 0 });
    const subject = `step:${step.id}`;
    expect(refusalCodeOf(() => set(subject, "ru", { type: "text", text: "Какой план?" }))).toBe(
      "invalid_text",
    );
    expect(
      refusalCodeOf(() =>
        set(subject, "ru", { ...poll, question: "Какой?", options: ["Бесплатно", "Про", "Команда"] }),
      ),
    ).toBe("invalid_text");
    expect(refusalCodeOf(() => set(subject, "ru", { ...poll, allowsMultipleAnswers: true }))).toBe(
      "invalid_text",
    );
    set(subject, "ru", {
      ...poll,
      question: "Какой план?",
      options: ["Бесплатно", "Про"],
      attribute: undefined,
    });

    for (const user of [ivan, hans])
      subscribe(h.services, admin, { sequenceId: sequence.id, userId: user.id });
    await createTestSender(h).pass();
    expect(pollOf(ivan)).toMatchObject({
      question: "Какой план?",
      options: [{ text: "Бесплатно" }, { text: "Про" }],
    });
    expect(pollOf(hans)).toMatchObject({ question: "Which plan?" });

    await h.send(h.fake.updates.pollAnswer(ivan, pollOf(ivan)?.id as string, [1]));
    expect(h.services.db.select().from(sequencePollAnswers).all()).toMatchObject([
      { stepId: step.id, userId: ivan.id, option: 2 },
    ]);
    expect(h.services.users.attributesOf(ivan.id).find((a) => a.key === "plan")?.value).toBe("Pro");

    const text = addStep(h.services, admin, sequence.id, {
      content: { type: "text", text: "Thanks" },
      delayMs: 0,
    });
    expect(refusalCodeOf(() => set(`step:${text.id}`, "ru", poll))).toBe("invalid_text");
  });

  it("when a step was edited into a poll after its text got a Russian variant, then the Russian subscriber gets the poll, whose answers count", async () => {
    h = createHarness();
    const [ivan] = seedBotUsers(h, [{ first_name: "Иван", language_code: "ru" }]) as [SimUser];
    const sequence = createSequence(h.services, admin, { name: "Survey", enabled: true });
    const step = addStep(h.services, admin, sequence.id, {
      content: { type: "text", text: "Hello" },
      delayMs: 0,
    });
    set(`step:${step.id}`, "ru", { type: "text", text: "Привет" });
    const poll: PollContent = {
      type: "poll",
      question: "Tea?",
      options: ["Yes", "No"],
      allowsMultipleAnswers: false,
    };
    editStep(h.services, admin, sequence.id, step.id, { content: poll, delayMs: 0 });
    subscribe(h.services, admin, { sequenceId: sequence.id, userId: ivan.id });

    await createTestSender(h).pass();
    expect(h.fake.textsTo(ivan.id)).not.toContain("Привет");
    await h.send(h.fake.updates.pollAnswer(ivan, pollOf(ivan)?.id as string, [0]));
    expect(h.services.db.select().from(sequencePollAnswers).all()).toMatchObject([
      { userId: ivan.id, option: 1 },
    ]);
  });
});
