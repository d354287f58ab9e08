import { afterEach, describe, expect, it } from "vitest";
import { createForm } from "../../src/features/forms/form-commands.js";
import { segmentErrorText } from "../../src/features/segments/segment.js";
import { subscribeUser } from "../../src/features/topics/subscriptions.js";
import { createTopic, deleteTopic } from "../../src/features/topics/topic-commands.js";
import * as englishRefusals from "../../src/texts/en/admin-refusals.js";
import { texts as englishReasons } from "../../src/texts/en/refusal-reasons.js";
import { inLocale } from "../../src/texts/locale-scope.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { entriesOf, type Locale } from "../../src/texts/translations.js";
import { openAdmin } from "../support/admin-helpers.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { englishPhrases } from "../support/menu-crawl.js";
import { admin, textSequence } from "../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

const lastText = () => h.fake.textsTo(h.owner.id).at(-1) ?? "";

/** A fresh bot whose owner speaks `locale`, the admin menu open at its root. */
async function ownerSpeaking(locale: Locale): Promise<void> {
  h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
  await openAdmin(h, []);
  h.services.users.setLanguage(h.owner.id, locale);
}

/** Pieces of the English refusals and reasons (their words between placeholders) long enough to tell. */
const englishPieces = [...entriesOf(englishRefusals), ...entriesOf(englishReasons)]
  .flatMap((entry) => entry.english.split(/\{[^{}]*\}/))
  .map((piece) => piece.trim())
  .filter((piece) => piece.length >= 12);

/**
 * The English in an admin's reply: any piece of an English refusal or reason, and, in Cyrillic
 * Russian, any run of Latin words (Spanish shares the alphabet, so only the pieces tell there).
 */
function englishIn(locale: Locale, text: string): string[] {
  const pieces = englishPieces.filter((piece) => text.includes(piece));
  return locale === "ru" ? [...pieces, ...englishPhrases(text)] : pieces;
}

/** A refusal's text in `locale` with its {reason}. */
const refusal = (locale: Locale, code: string, reason: string) =>
  (textsIn("admin-refusals", locale).refusalTexts as Record<string, string>)[code]?.replace(
    "{reason}",
    reason,
  );

describe.each(["ru", "es"] as const)("an admin speaking %s, refused by a verb", (locale) => {
  const reasons = textsIn("refusal-reasons", locale);
  const topics = textsIn("admin-topics", locale).texts;
  const toTopics = [textsIn("bot", locale).admin.extensions.button, topics.extensionsButton];

  it(`when the admin (${locale}) types a topic name and then a description the topic rules refuse, then both refusals, reasons included, are in their language`, async () => {
    await ownerSpeaking(locale);
    await openAdmin(h, [...toTopics, topics.newButton]);
    await h.say(h.owner, "two words");
    const name = lastText();
    expect(name).toBe(refusal(locale, "invalid_topic_name", reasons.topics.name));
    await h.say(h.owner, "News");
    await h.say(h.owner, "д".repeat(300));
    const description = lastText();
    expect(description).toBe(
      refusal(locale, "invalid_topic_description", reasons.topics.description.replace("{max}", "256")),
    );
    expect([name, description].flatMap((text) => englishIn(locale, text))).toEqual([]);
    expect(h.services.topics.list()).toEqual([]);
  });

  it(`when the admin (${locale}) overrides a /topics text with a field it does not take, then the refusal and its reason are in their language`, async () => {
    await ownerSpeaking(locale);
    await openAdmin(h, [
      ...toTopics,
      topics.textsButton,
      textsIn("admin-topics", locale).topicTextLabels.unsubscribeButton,
      topics.editTextButton,
    ]);
    await h.say(h.owner, "Стоп {name}, {first_name}");
    const reason = reasons.topics.textField.replace("{field}", "{first_name}").replace("{fields}", "{name}");
    const refused = lastText();
    expect(refused).toBe(
      textsIn("admin-refusals", locale).refusalTexts.unknown_topic_text_field.replace("{message}", reason),
    );
    expect(englishIn(locale, refused)).toEqual([]);
    expect(h.services.settings.get("topics").unsubscribeButton).toBeNull();
  });

  it(`when the admin (${locale}) gives a form's choice question twin choices, a topic no one has or a too long re-ask text, then the refusals and their reasons are in their language`, async () => {
    await ownerSpeaking(locale);
    createTopic(h.services, admin, { name: "Новости" });
    const form = createForm(h.services, admin, { name: "Анкета" });
    const forms = textsIn("admin-forms", locale);
    const ask = async (answers: string[]) => {
      await openAdmin(h, [forms.rootButton, /Анкета/, forms.addQuestionButton]);
      for (const answer of answers) await h.say(h.owner, answer);
      return lastText();
    };
    const twins = await ask(["choice", "plan", "Тариф?", "Базовый\nбазовый", "yes", "-"]);
    expect(twins).toBe(
      refusal(
        locale,
        "invalid_choices",
        reasons.forms.choices.replace("{max}", "12").replace("{length}", "64"),
      ),
    );
    const unknown = await ask(["choice", "topic", "Темы?", "Спорт", "yes", "-"]);
    expect(unknown).toBe(
      refusal(locale, "invalid_choices", reasons.forms.unknownTopic.replace("{name}", "Спорт")),
    );
    const reask = await ask(["text", "city", "Город?", "yes", "р".repeat(1001)]);
    expect(reask).toBe(refusal(locale, "invalid_reask", reasons.forms.reask.replace("{max}", "1000")));
    expect([twins, unknown, reask].flatMap((text) => englishIn(locale, text))).toEqual([]);
    expect(h.services.forms.questions(form.id)).toEqual([]);
  });

  it(`when the topic of a mailing's segment is deleted before the admin (${locale}) sends it, then the segment refusal and its reason are in their language`, async () => {
    await ownerSpeaking(locale);
    const news = createTopic(h.services, admin, { name: "Новости" });
    const ivan = h.addUser({ first_name: "Иван" });
    await h.start(ivan);
    subscribeUser(h.services, admin, { userId: ivan.id, topic: { id: news.id }, source: "api" });
    const mailing = textsIn("admin-mailing", locale);
    await openAdmin(h, [mailing.rootMailingButton, mailing.newMailingButton]);
    for (const answer of [
      "Привет",
      mailing.noButtons,
      mailing.filterButton,
      "topic:Новости",
      mailing.continueKey,
    ])
      await h.say(h.owner, answer);
    deleteTopic(h.services, admin, news.id);
    await h.say(h.owner, mailing.sendNowKey);
    const refused = lastText();
    const reason = inLocale(locale, () =>
      segmentErrorText({ ok: false, problem: "unknown_topic", token: "новости", offset: 6 }),
    );
    expect(refused).toBe(refusal(locale, "invalid_segment", reason));
    expect(englishIn(locale, refused)).toEqual([]);
    expect(h.services.mailings.list(1)).toEqual([]);
  });

  it(`when the admin (${locale}) writes a poll as another language's text of a text step, then the refusal and its reason are in their language`, async () => {
    await ownerSpeaking(locale);
    const { steps } = textSequence(h, [0]);
    const stepId = steps[0]?.id as number;
    const variants = textsIn("admin-variants", locale);
    await openAdmin(h, [
      textsIn("admin-sequences", locale).texts.rootButton,
      /Welcome/,
      /^1\./,
      variants.button,
    ]);
    await h.press(h.owner, variants.addButton.replace("{language}", "es"));
    await h.press(h.owner, variants.writeButton);
    await h.send(h.fake.updates.poll(h.owner, { question: "Чай или кофе?", options: ["Чай", "Кофе"] }));
    const refused = lastText();
    expect(refused).toBe(refusal(locale, "invalid_text", reasons.variants.notPollStep));
    expect(englishIn(locale, refused)).toEqual([]);
    expect(h.services.variants.list(`step:${stepId}`)).toEqual([]);
  });
});
