import { afterEach, describe, expect, it } from "vitest";
import { addQuestion, changeForm, createForm } from "../../src/features/forms/form-commands.js";
import { createCampaign } from "../../src/features/gate/referrals/referral-commands.js";
import { addStep, createSequence, editStep } from "../../src/features/sequences/sequence-commands.js";
import { subscribe } from "../../src/features/sequences/subscription-commands.js";
import { createTopic } from "../../src/features/topics/topic-commands.js";
import { texts as englishForms } from "../../src/texts/en/forms.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { currentMenu, openAdmin } from "../support/admin-helpers.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { createApiHarness } from "../support/http-harness.js";
import { crawlAdminMenu, englishPhrases } from "../support/menu-crawl.js";
import { admin, createTestSender } from "../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

/** A form with questions of its own, a sequence with a step of each kind, a campaign and a deeplink. */
function seedFormsAndSequences(h: Harness) {
  const form = createForm(h.services, admin, { name: "Анкета" });
  for (const question of [
    { kind: "text", targetKind: "attribute", target: "city", prompt: "Ваш город?" },
    { kind: "choice", targetKind: "attribute", target: "plan", prompt: "Тариф?", choices: ["Базовый"] },
  ] as const)
    addQuestion(h.services, admin, { formId: form.id, question: question });
  createCampaign(h.services, admin, { name: "Осень", code: "autumn" });
  const sequence = createSequence(h.services, admin, {
    name: "Приветствие",
    enabled: true,
    stopButton: true,
    triggerTag: "trial",
  });
  const step = addStep(h.services, admin, sequence.id, {
    content: { type: "text", text: "Привет, {first_name}" },
    delayMs: 30 * 60_000,
    window: { start: 9 * 60, end: 20 * 60 },
  });
  editStep(h.services, admin, sequence.id, step.id, {
    content: step.content,
    buttons: [],
    formButton: { formId: form.id, text: "Заполнить" },
    delayMs: step.delayMs,
    window: { start: 9 * 60, end: 20 * 60 },
  });
  addStep(h.services, admin, sequence.id, {
    content: {
      type: "poll",
      question: "Как дела?",
      options: ["Хорошо", "Плохо"],
      allowsMultipleAnswers: false,
    },
    delayMs: 86_400_000,
  });
  addStep(h.services, admin, sequence.id, {
    content: { type: "copy", fromChatId: h.owner.id, messageId: 1 },
    delayMs: 0,
  });
  return { form, sequence };
}

/** The root button of an area as the menu shows it now (its own language, or still English). */
function rootButton(h: Harness, labels: string[]): string {
  const found = currentMenu(h).buttons.find((b) => labels.includes(b));
  if (found === undefined) throw new Error(`no root button ${labels.join(" / ")}`);
  return found;
}

describe("📝 Forms and 📬 Sequences in the admin's language", () => {
  it("when an admin whose language is Russian walks 📝 Forms and 📬 Sequences, then no page, button, prompt or notice is in English", async () => {
    h = createHarness();
    seedFormsAndSequences(h);
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "ru");
    await openAdmin(h, []);
    const areas = [
      rootButton(h, [textsIn("admin-forms", "ru").rootButton, textsIn("admin-forms", "en").rootButton]),
      rootButton(h, [
        textsIn("admin-sequences", "ru").texts.rootButton,
        textsIn("admin-sequences", "en").texts.rootButton,
      ]),
    ];
    const seen = [];
    for (const area of areas)
      seen.push(
        ...(await crawlAdminMenu(h, h.owner, {
          from: [area],
          maxPresses: 1500,
          maxDepth: 3,
          // Back leads out of the area, to pages other areas own.
          avoid: /Удал|🗑|Отправ|👁|Назад|Back/,
        })),
      );
    expect(seen.length).toBeGreaterThan(40);
    const english = seen
      .map((s) => ({ ...s, phrases: englishPhrases(s.text) }))
      .filter((s) => s.phrases.length > 0)
      .map((s) => `${s.path.join(" › ")} [${s.kind}] ${s.phrases.join(" | ")}`);
    expect([...new Set(english)]).toEqual([]);
  }, 120_000);

  it("when an admin whose language is Spanish opens 📬 Sequences, then its page and buttons are in Spanish", async () => {
    h = createHarness();
    seedFormsAndSequences(h);
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "es");
    const es = textsIn("admin-sequences", "es").texts;
    await openAdmin(h, []);
    await h.press(h.owner, rootButton(h, [es.rootButton]));
    expect(currentMenu(h).text.startsWith(es.title)).toBe(true);
    expect(currentMenu(h).buttons).toContain(es.newButton);
    await h.press(h.owner, /Приветствие/);
    expect(currentMenu(h).buttons).toContain(es.addStepButton);
    expect(currentMenu(h).buttons).toContain(`${textsIn("bot", "es").admin.on} ${es.enabledLabel}`);
    expect(currentMenu(h).buttons).toContain(es.resubscribeLabel.replace("{mode}", es.modeRestart));
    await h.press(h.owner, /^🏷/);
    await h.say(h.owner, "no such tag!");
    expect(h.fake.textsTo(h.owner.id).at(-1)).toBe(es.tagTriggerInvalid);
  });
});

describe("forms, sequences and /topics for a user whose language is Russian", () => {
  const ru = textsIn("forms", "ru");

  it("when a Russian user fills in the untouched /profile form, then its intro, questions and done text come in Russian", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    await h.start(ivan);
    await h.say(ivan, "/profile");
    const [intro, first] = h.fake.textsTo(ivan.id).slice(-2);
    expect(intro).toBe(ru.profile.intro);
    expect(first).toBe(`${ru.profile.firstName}\n${ru.current.replace("{value}", "Иван")}\n${ru.optional}`);
    await h.say(ivan, "/skip");
    await h.say(ivan, "/skip");
    await h.say(ivan, "not an email");
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe(ru.problems.bad_email);
    await h.say(ivan, "ivan@example.com");
    expect(h.fake.lastMessageTo(ivan.id)?.reply_markup).toMatchObject({
      keyboard: [[{ text: ru.sharePhoneButton, request_contact: true }]],
    });
    await h.say(ivan, "/skip");
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe(ru.profile.done);

    // An English user still gets the defaults as they are stored.
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    await h.say(ann, "/profile");
    expect(h.fake.textsTo(ann.id).at(-2)).toBe(englishForms.profile.intro);
  });

  it("when the owner rewrote the /profile intro, then a Russian user gets it as written", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    await h.start(ivan);
    await h.say(ivan, "/profile");
    await h.say(ivan, "/cancel");
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe(ru.cancelled);
    const form = h.services.forms.findBuiltIn("profile");
    if (!form) throw new Error("no profile form");
    changeForm(h.services, admin, { formId: form.id, changes: { intro: "Tell us about you" } });
    await h.say(ivan, "/profile");
    expect(h.fake.textsTo(ivan.id).slice(-2)).toEqual([
      "Tell us about you",
      `${ru.profile.firstName}\n${ru.current.replace("{value}", "Иван")}\n${ru.optional}`,
    ]);
  });

  it("when a step with a stop button reaches a Russian subscriber, then the button and its answer are in Russian", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    const ann = h.addUser({ first_name: "Ann" });
    for (const user of [ivan, ann]) await h.start(user);
    const sequence = createSequence(h.services, admin, { name: "Новости", enabled: true, stopButton: true });
    for (const delayMs of [0, 86_400_000])
      addStep(h.services, admin, sequence.id, { content: { type: "text", text: "Привет" }, delayMs });
    for (const user of [ivan, ann])
      subscribe(h.services, admin, { sequenceId: sequence.id, userId: user.id });
    await createTestSender(h).pass();
    const ruSequences = textsIn("sequences", "ru");
    const labels = (userId: number) =>
      h.fake.inlineButtons(h.fake.lastMessageTo(userId) ?? undefined).map((b) => b.text);
    expect(labels(ivan.id)).toContain(ruSequences.stopButton);
    expect(labels(ann.id)).toContain(textsIn("sequences", "en").stopButton);
    await h.press(ivan, ruSequences.stopButton);
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params.text).toBe(ruSequences.stopped);
  });

  it("when the API starts a form for a Russian user, then the bot's own words around its question are Russian", async () => {
    const api = createApiHarness({ settings: { newUserAlerts: { enabled: false } } });
    h = api;
    const form = createForm(api.services, admin, { name: "Анкета" });
    addQuestion(api.services, admin, {
      formId: form.id,
      question: { kind: "text", targetKind: "attribute", target: "city", prompt: "Ваш город?" },
    });
    const ivan = api.addUser({ first_name: "Иван", language_code: "ru" });
    await api.start(ivan);
    expect((await api.post(`/api/forms/${form.id}/start`, { body: { user_id: ivan.id } })).status).toBe(200);
    expect(api.fake.textsTo(ivan.id).slice(-2)).toEqual([
      ru.intro.replace("{name}", "Анкета"),
      `Ваш город?\n${ru.optional}`,
    ]);
  });

  it("when a Russian user opens /topics and follows one, then the list and the answer are in Russian", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    createTopic(h.services, admin, { name: "Новости", description: "Что нового" });
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    await h.start(ivan);
    await h.say(ivan, "/topics");
    const topics = textsIn("topics", "ru");
    expect(h.fake.textsTo(ivan.id).at(-1)?.startsWith(topics.list)).toBe(true);
    await h.press(ivan, /Новости/);
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params.text).toBe(
      topics.subscribed.replace("{name}", "Новости"),
    );
  });
});
