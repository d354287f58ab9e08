import { IANAZone } from "luxon";
import { UsherError } from "../../errors.js";
import { checkedLanguage } from "../language/language.js";

/** Why a profile value was refused; the bot and the HTTP API turn the code into their own reply. */
export const profileFieldProblems = [
  "invalid_name",
  "invalid_email",
  "invalid_phone",
  "invalid_timezone",
  "invalid_gender",
  "invalid_attribute_key",
  "attribute_value_too_long",
  "empty_attribute_value",
  "invalid_tag",
  "invalid_note",
  "invalid_language",
] as const;
export type ProfileFieldProblem = (typeof profileFieldProblems)[number];

/** A profile value a verb refused, with the reason as a code. */
export class ProfileFieldError extends UsherError.of("invalid", profileFieldProblems) {
  constructor(
    code: ProfileFieldProblem,
    readonly value: string,
  ) {
    super(code, `${code}: ${JSON.stringify(value.slice(0, 100))}`);
  }
}

/** Telegram's own limit for a first or last name. */
export const maxNameLength = 64;
const attributeKeyPattern = /^[a-z0-9_]{1,64}$/;
const maxAttributeValueBytes = 1024;
const maxNoteLength = 4096;
const maxGenderLength = 32;

// Deliberately loose (one @, a dot in the domain, no spaces or separators): the real check is a mail that arrives.
const emailPattern = /^[^\s@",;<>]+@[^\s@",;<>.]+(\.[^\s@",;<>.]+)+$/;

/** The email trimmed (case kept: compare emails lower-cased), or null when it cannot be an address. */
export function normalizeEmail(input: string): string | null {
  const email = input.trim();
  return email.length <= 254 && emailPattern.test(email) ? email : null;
}

/**
 * The phone as `+` and 7–15 digits (E.164), or null. Spaces, dashes, dots and brackets are
 * dropped; a leading `00` is read as the international prefix. Telegram's contacts come without `+`.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, "");
  if (!trimmed.startsWith("+") && digits.startsWith("00")) digits = digits.slice(2);
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
}

/** A name part trimmed, or null for none; throws when longer than Telegram allows. */
export function checkedName(name: string | null): string | null {
  const trimmed = name?.trim() ?? "";
  if (trimmed === "") return null;
  if (trimmed.length > maxNameLength) throw new ProfileFieldError("invalid_name", trimmed);
  return trimmed;
}

/** The email as stored (see normalizeEmail), null for none; throws when it cannot be an address. */
export function checkedEmail(email: string | null): string | null {
  if (email === null) return null;
  const normalized = normalizeEmail(email);
  if (normalized === null) throw new ProfileFieldError("invalid_email", email);
  return normalized;
}

/** The phone as stored (see normalizePhone), null for none; throws when it does not parse. */
export function checkedPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const normalized = normalizePhone(phone);
  if (normalized === null) throw new ProfileFieldError("invalid_phone", phone);
  return normalized;
}

/** An IANA time zone name luxon knows (such as `Asia/Kuala_Lumpur`), null for none; throws otherwise. */
export function checkedTimezone(zone: string | null): string | null {
  if (zone === null) return null;
  const trimmed = zone.trim();
  if (!IANAZone.isValidZone(trimmed)) throw new ProfileFieldError("invalid_timezone", zone);
  return trimmed;
}

/**
 * The language Usher speaks to a user, as an admin sets it: an IETF tag whose primary language is
 * kept ("pt-BR" → "pt"), any language (a mailing's `lang:` variants reach it), or null for the one
 * Telegram reports.
 */
export function checkedChosenLanguage(language: string | null): string | null {
  if (language === null || language.trim() === "") return null;
  return checkedLanguage(language, (refused) => new ProfileFieldError("invalid_language", refused));
}

/** Gender is free text (as the admin or the user puts it), short and single-line. */
export function checkedGender(gender: string | null): string | null {
  const trimmed = gender?.trim() ?? "";
  if (trimmed === "") return null;
  if (trimmed.length > maxGenderLength || /[\r\n]/.test(trimmed))
    throw new ProfileFieldError("invalid_gender", trimmed);
  return trimmed;
}

/** An attribute key as given; throws unless it is `[a-z0-9_]{1,64}`. */
export function checkedAttributeKey(key: string): string {
  if (!attributeKeyPattern.test(key)) throw new ProfileFieldError("invalid_attribute_key", key);
  return key;
}

/** An attribute as stored: key `[a-z0-9_]{1,64}`, value trimmed, not empty, at most 1 KB of UTF-8. */
export function checkedAttribute(key: string, value: string): { key: string; value: string } {
  checkedAttributeKey(key);
  // Trimmed, with one kind of line break, like every other field: it reads back the same from a CSV file.
  const trimmed = value.replace(/\r\n?/g, "\n").trim();
  if (trimmed === "") throw new ProfileFieldError("empty_attribute_value", value);
  if (Buffer.byteLength(trimmed, "utf8") > maxAttributeValueBytes)
    throw new ProfileFieldError("attribute_value_too_long", trimmed);
  return { key, value: trimmed };
}

/** A note's text trimmed; throws when empty or longer than a Telegram message. */
export function checkedNote(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.length > maxNoteLength) throw new ProfileFieldError("invalid_note", text);
  return trimmed;
}
