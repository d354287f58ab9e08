import type { Api } from "grammy";
import type { ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import type { FormQuestionRecord } from "../../db/schema/index.js";
import { texts as english } from "../../texts/en/forms.js";
import { textsIn } from "../../texts/locale-texts.js";
import type { Locale, Localized } from "../../texts/translations.js";
import { renderTemplate } from "../content/template.js";
import { compiledTemplate, renderCompiled } from "../personalization/compiled-template.js";
import { type RecipientFields, recipientFieldValue } from "../personalization/recipient-fields.js";
import type { AnswerProblem } from "./form-answers.js";
import type { FormReader } from "./form-reader.js";
import type { AnswerOutcome } from "./form-runs.js";

const noKeyboard: ReplyKeyboardRemove = { remove_keyboard: true };

const profileDefaults = Object.entries(english.profile) as [keyof typeof english.profile, string][];

type FormTexts = Localized<typeof english>;

/**
 * A text of a form as the user reads it: a default of the /profile form (stored in English) that
 * the owner kept comes in the user's language; whatever the owner wrote comes as written.
 */
function asKept(text: string, texts: FormTexts): string {
  const key = profileDefaults.find(([, value]) => value === text)?.[0];
  return key === undefined ? text : texts.profile[key];
}

/** The reply keyboard a question puts up: the request-contact button, the choices, or none. */
export function questionKeyboard(
  question: FormQuestionRecord,
  texts: FormTexts,
): ReplyKeyboardMarkup | ReplyKeyboardRemove {
  if (question.kind === "phone")
    return {
      keyboard: [[{ text: texts.sharePhoneButton, request_contact: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    };
  if (question.kind === "choice")
    return {
      keyboard: question.choices.map((choice) => [{ text: choice }]),
      resize_keyboard: true,
      one_time_keyboard: true,
    };
  return noKeyboard;
}

/**
 * A question as the user reads it: the prompt (the admin's `variant` of it in the user's language,
 * if any), what its target holds now, and whether it may be skipped.
 */
export function questionText(
  question: FormQuestionRecord,
  current: string | null,
  fill: (text: string) => string,
  texts: FormTexts,
  variant?: string,
): string {
  // Only the admin's prompt is a template: the user's current value is shown as they gave it.
  const lines = [fill(variant ?? asKept(question.prompt, texts))];
  if (current !== null && question.kind !== "photo")
    lines.push(renderTemplate(texts.current, { value: current }).text);
  if (!question.required) lines.push(texts.optional);
  return lines.join("\n");
}

/** What the user is told when an answer does not fit: the question's own re-ask text, else the kind's. */
export function problemText(
  question: FormQuestionRecord,
  problem: AnswerProblem,
  fill: (text: string) => string,
  texts: FormTexts,
): string {
  return question.reask === null ? texts.problems[problem] : fill(question.reask);
}

/**
 * Sends what follows a user's step in a form to their chat: the intro before the first question,
 * a question, a re-ask, or the done text, as `reader` (the user) reads them. `fields` fill the
 * fields of the texts the admin wrote.
 */
export async function sendFormOutcome(
  api: Api,
  chatId: number,
  outcome: AnswerOutcome,
  fields: RecipientFields,
  reader: FormReader,
): Promise<void> {
  const texts = textsIn("forms", reader.locale);
  const personal = (text: string) => renderCompiled(compiledTemplate(text), recipientFieldValue(fields));
  switch (outcome.kind) {
    case "idle":
      return;
    case "invalid":
      await api.sendMessage(chatId, problemText(outcome.question, outcome.problem, personal, texts), {
        reply_markup: questionKeyboard(outcome.question, texts),
      });
      return;
    case "done":
      await api.sendMessage(chatId, personal(asKept(outcome.form.doneText ?? texts.done, texts)), {
        reply_markup: noKeyboard,
      });
      return;
    case "ask": {
      if (outcome.first) {
        const intro = outcome.form.intro ?? renderTemplate(texts.intro, { name: outcome.form.name }).text;
        await api.sendMessage(chatId, personal(asKept(intro, texts)));
      }
      const { question } = outcome;
      const text = questionText(question, outcome.current, personal, texts, reader.promptOf(question));
      await api.sendMessage(chatId, text, { reply_markup: questionKeyboard(question, texts) });
    }
  }
}

/** The reply to /cancel in a form, in `locale` (the user's). */
export async function sendFormCancelled(api: Api, chatId: number, locale: Locale): Promise<void> {
  await api.sendMessage(chatId, textsIn("forms", locale).cancelled, { reply_markup: noKeyboard });
}
