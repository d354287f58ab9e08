import { markupProblem } from "../content/markup-check.js";
import { checkDeeplinkCode } from "../gate/deeplinks/deeplink-code.js";
import { normalizeTags } from "../gate/deeplinks/deeplink-tags.js";
import type { UrlButton } from "../mailing/mailing.js";
import { pollProblem } from "../mailing/poll.js";
import { findUrlButtonProblem } from "../mailing/url-buttons.js";
import { checkTemplateFields } from "../personalization/template-fields.js";
import { attributeKeyPattern } from "../segments/tree.js";
import { isSendingWindow, type SendingWindow } from "./sending-window.js";
import type { FormButton, SequenceContent } from "./sequence.js";
import { SequenceInputError } from "./sequence-errors.js";

const isWhole = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);
/** The longest delay a step may wait: a year. */
export const maxDelayMs = 366 * 24 * 3600_000;

export function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "" || trimmed.length > 100)
    throw new SequenceInputError("invalid_name", "name", "A name has 1 to 100 characters");
  return trimmed;
}

export function checkedContent(content: SequenceContent, buttons: UrlButton[][]): SequenceContent {
  if (content.type === "text") {
    if (content.text.trim() === "" || content.text.length > 4096)
      throw new SequenceInputError("invalid_text", "text", "The text must have 1 to 4096 characters");
    checkTemplateFields(content.text, "text");
    const markup = markupProblem(content);
    if (markup) throw new SequenceInputError("invalid_markup", "text", markup);
    return content;
  }
  if (content.type === "poll") {
    const problem =
      pollProblem(content) ??
      (content.attribute === undefined || attributeKeyPattern.test(content.attribute)
        ? null
        : "The attribute key is 1 to 64 of a-z, 0-9 and _");
    if (problem) throw new SequenceInputError("invalid_poll", "poll", problem);
    return content;
  }
  if (content.type === "album") {
    if (
      !isWhole(content.fromChatId) ||
      content.fromChatId === 0 ||
      content.messageIds.length < 2 ||
      content.messageIds.length > 10 ||
      !content.messageIds.every((id) => isWhole(id) && id > 0)
    )
      throw new SequenceInputError("invalid_album", "album", "An album is 2 to 10 messages of one chat");
    if (buttons.length > 0)
      throw new SequenceInputError("buttons_with_album", "buttons", "Albums cannot carry buttons");
    return content;
  }
  if (
    !isWhole(content.fromChatId) ||
    content.fromChatId === 0 ||
    !isWhole(content.messageId) ||
    content.messageId < 1
  )
    throw new SequenceInputError("invalid_copy", "copy", "Name the chat and the message to copy");
  return content;
}

/** The longest label of a form button (Telegram cuts longer button texts). */
const maxFormButtonText = 64;

/** A form button's label, and that albums cannot carry it; whether the form exists is the verb's to check. */
export function checkedFormButton(button: FormButton | null, content: SequenceContent): FormButton | null {
  if (button === null) return null;
  const text = button.text.trim();
  if (text === "" || text.length > maxFormButtonText || !isWhole(button.formId))
    throw new SequenceInputError(
      "invalid_form_button",
      "formButton",
      `A form button names a form and has a label of 1 to ${maxFormButtonText} characters`,
    );
  if (content.type === "album")
    throw new SequenceInputError("buttons_with_album", "formButton", "Albums cannot carry buttons");
  return { formId: button.formId, text };
}

export function checkedButtons(buttons: UrlButton[][]): UrlButton[][] {
  const found = findUrlButtonProblem(buttons);
  if (found === null) return buttons;
  throw new SequenceInputError(
    "invalid_buttons",
    "buttons",
    `Row ${found.line}${found.button > 0 ? `, button ${found.button}` : ""}: ${found.problem.replaceAll("_", " ")}`,
  );
}

export function checkedDelay(delayMs: number): number {
  if (!isWhole(delayMs) || delayMs < 0 || delayMs > maxDelayMs)
    throw new SequenceInputError("invalid_delay", "delayMs", "A delay is 0 ms to 366 days");
  return delayMs;
}

export function checkedWindow(window: SendingWindow | null): SendingWindow | null {
  if (window === null || isSendingWindow(window)) return window;
  throw new SequenceInputError(
    "invalid_window",
    "window",
    "A window is two different times of day (minutes 0 to 1439)",
  );
}

export function checkedTag(tag: string | null): string | null {
  if (tag === null) return null;
  const parsed = normalizeTags([tag]);
  if (parsed.ok && parsed.tags[0]) return parsed.tags[0];
  throw new SequenceInputError(
    "invalid_tags",
    "triggerTag",
    "A tag has up to 32 characters of a-z, 0-9, _ and -",
  );
}

/** A deeplink trigger's code, trimmed (empty as none); refused when no deeplink could ever have it. */
export function checkedDeeplink(code: string | null): string | null {
  const trimmed = code?.trim() ?? "";
  if (trimmed === "") return null;
  if (checkDeeplinkCode(trimmed).ok) return trimmed;
  throw new SequenceInputError(
    "invalid_deeplink",
    "triggerDeeplink",
    "A deeplink code has 1 to 64 characters of A-Z, a-z, 0-9, _ and -, and does not start as a referral link",
  );
}
