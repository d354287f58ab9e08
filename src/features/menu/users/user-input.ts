import type { Message } from "grammy/types";
import { UsherError } from "../../../errors.js";
import { texts } from "../../../texts/admin-users.js";
import { texts as shared } from "../../../texts/bot.js";
// The word for every user is typed as it is, in any language.
import { texts as english } from "../../../texts/en/admin-users.js";
import { fillTemplate } from "../../content/template.js";
import { tagPattern } from "../../gate/deeplinks/deeplink-tags.js";
import { parseSegment, segmentErrorText } from "../../segments/segment.js";
import { listFieldNames, listFieldPattern, maxListFields } from "../../users/list-fields.js";
import { checkedAttribute } from "../../users/profile-fields.js";
import { accept, type Parsed, refuse } from "../ask.js";
import { refusalReply } from "../refusal-replies.js";

const maxQueryLength = 200;
const maxSegmentLength = 1000;

/** The admin's words for a value a profile check or a user verb refused. */
export function fieldError(error: unknown): string {
  if (error instanceof UsherError) return refusalReply(error);
  throw error;
}

/** Runs a check from profile-fields on the admin's text, turning its refusal into the reason. */
export function checked<T>(check: () => T): Parsed<T> {
  try {
    return accept(check());
  } catch (error) {
    return refuse(fieldError(error));
  }
}

export function textOf(message: Message): Parsed<string> {
  if (message.text === undefined) return refuse(shared.admin.notText);
  if (message.text.trim() === "") return refuse(shared.admin.emptyText);
  return accept(message.text.trim());
}

/** "-" clears a field. */
export const clearable = (text: string): string | null => (text === "-" ? null : text);

export function parseQuery(message: Message): Parsed<string> {
  const text = textOf(message);
  if (!text.ok) return text;
  if (text.value.length > maxQueryLength || text.value.includes("\n")) return refuse(texts.searchTooLong);
  return text;
}

export function parseSegmentText(message: Message): Parsed<string> {
  const text = textOf(message);
  if (!text.ok) return text;
  const normalized = text.value.replace(/\s+/g, " ");
  if (normalized.length > maxSegmentLength) return refuse(texts.segmentTooLong);
  if (normalized.toLowerCase() === english.everyone) return accept(english.everyone);
  const parsed = parseSegment(normalized);
  return parsed.ok ? accept(normalized) : refuse(segmentErrorText(parsed));
}

export function parseTag(message: Message): Parsed<string> {
  const text = textOf(message);
  if (!text.ok) return text;
  const tag = text.value.toLowerCase();
  return tagPattern.test(tag) ? accept(tag) : refuse(texts.fieldErrors.invalid_tag);
}

/** A photo the admin sent: the file_id of its largest size. */
export function parsePhoto(message: Message): Parsed<string> {
  const largest = message.photo?.at(-1);
  return largest ? accept(largest.file_id) : refuse(texts.notPhoto);
}

export function parseAttribute(message: Message): Parsed<{ key: string; value: string }> {
  const text = textOf(message);
  if (!text.ok) return text;
  const at = text.value.indexOf("=");
  if (at <= 0) return refuse(texts.attributeFormat);
  return checked(() => checkedAttribute(text.value.slice(0, at).trim(), text.value.slice(at + 1).trim()));
}

/** The fields a users list row shows: names separated by commas or spaces, "-" for none. */
export function parseRowFields(message: Message): Parsed<string[]> {
  const text = textOf(message);
  if (!text.ok) return text;
  if (text.value === "-") return accept([]);
  const fields = text.value
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((field) => field !== "");
  const names = listFieldNames.join(", ");
  for (const [index, field] of fields.entries()) {
    if (!listFieldPattern.test(field))
      return refuse(fillTemplate(texts.rowFieldUnknown, { field, fields: names }));
    if (fields.indexOf(field) !== index) return refuse(fillTemplate(texts.rowFieldTwice, { field }));
  }
  if (fields.length > maxListFields)
    return refuse(fillTemplate(texts.rowFieldsTooMany, { max: maxListFields }));
  return accept(fields);
}
