import { DateTime } from "luxon";
import type { QuestionKind } from "../../db/schema/index.js";
import { visibleName } from "../users/display-name.js";
import { normalizeEmail, normalizePhone } from "../users/profile-fields.js";

/** What a user sent in answer, as far as a form reads it (a text, their shared contact, a photo). */
export interface AnswerInput {
  senderId: number;
  text?: string;
  contact?: { user_id?: number; phone_number: string };
  /** The largest size of a photo the user sent. */
  photoFileId?: string;
}

/** Why an answer does not fit its question; the bot says so (or the question's own re-ask text). */
export const answerProblems = [
  "not_text",
  "empty",
  "too_long",
  "not_number",
  "bad_email",
  "use_button",
  "someone_else",
  "bad_phone",
  "bad_date",
  "not_choice",
  "not_photo",
  "required",
  "invalid_value",
] as const;
export type AnswerProblem = (typeof answerProblems)[number];

export type ParsedAnswer = { ok: true; value: string } | { ok: false; problem: AnswerProblem };

const refused = (problem: AnswerProblem): ParsedAnswer => ({ ok: false, problem });
const accepted = (value: string): ParsedAnswer => ({ ok: true, value });

/** A text answer is one message, so at most Telegram's 4096 characters; targets may allow less. */
const maxTextLength = 4096;
const dateFormats = ["yyyy-MM-dd", "d.M.yyyy", "d/M/yyyy", "d-M-yyyy", "d MMM yyyy", "d MMMM yyyy"];

function readText(input: AnswerInput): ParsedAnswer {
  if (input.text === undefined) return refused("not_text");
  const text = visibleName(input.text);
  if (text === null) return refused("empty");
  return text.length > maxTextLength ? refused("too_long") : accepted(text);
}

function parseNumber(text: string): ParsedAnswer {
  const plain = text.replace(/[\s_]/g, "").replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(plain)) return refused("not_number");
  return accepted(String(Number(plain)));
}

/** A calendar date as ISO `yyyy-MM-dd`, from ISO or day-first forms (31.12.2026, 31/12/2026, 31 Dec 2026). */
export function parseDate(text: string): string | null {
  for (const format of dateFormats) {
    const date = DateTime.fromFormat(text, format, { locale: "en" });
    if (date.isValid) return date.toISODate();
  }
  return null;
}

/**
 * The answer's value as stored for a question of `kind`: texts trimmed, numbers and dates in one
 * form, a phone only from the sender's own shared contact (Telegram vouches for it), a photo's file_id.
 */
export function parseAnswer(
  kind: QuestionKind,
  choices: readonly string[],
  input: AnswerInput,
): ParsedAnswer {
  switch (kind) {
    case "photo":
      return input.photoFileId === undefined ? refused("not_photo") : accepted(input.photoFileId);
    case "phone": {
      if (!input.contact) return refused("use_button");
      if (input.contact.user_id !== input.senderId) return refused("someone_else");
      const phone = normalizePhone(input.contact.phone_number);
      return phone === null ? refused("bad_phone") : accepted(phone);
    }
    default:
      break;
  }
  const text = readText(input);
  if (!text.ok) return text;
  switch (kind) {
    case "number":
      return parseNumber(text.value);
    case "email": {
      const email = normalizeEmail(text.value);
      return email === null ? refused("bad_email") : accepted(email);
    }
    case "date": {
      const date = parseDate(text.value);
      return date === null ? refused("bad_date") : accepted(date);
    }
    case "choice": {
      const chosen = choices.find((c) => c.toLowerCase() === text.value.toLowerCase());
      return chosen === undefined ? refused("not_choice") : accepted(chosen);
    }
    default:
      return text;
  }
}
