import { refusalReason } from "../../texts/refusal-reasons.js";
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
    throw new SequenceInputError("invalid_name", "name", refusalReason("sequences", "name"));
  return trimmed;
}

export function checkedContent(content: SequenceContent, buttons: UrlButton[][]): SequenceContent {
  if (content.type === "text") {
    if (content.text.trim() === "" || content.text.length > 4096)
      throw new SequenceInputError("invalid_text", "text", refusalReason("sequences", "text"));
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
        : refusalReason("sequences", "pollAttribute"));
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
      throw new SequenceInputError("invalid_album", "album", refusalReason("sequences", "album"));
    if (buttons.length > 0)
      throw new SequenceInputError(
        "buttons_with_album",
        "buttons",
        refusalReason("sequences", "albumButtons"),
      );
    return content;
  }
  if (
    !isWhole(content.fromChatId) ||
    content.fromChatId === 0 ||
    !isWhole(content.messageId) ||
    content.messageId < 1
  )
    throw new SequenceInputError("invalid_copy", "copy", refusalReason("sequences", "copy"));
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
      refusalReason("sequences", "formButton", { max: maxFormButtonText }),
    );
  if (content.type === "album")
    throw new SequenceInputError(
      "buttons_with_album",
      "formButton",
      refusalReason("sequences", "albumButtons"),
    );
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
    throw new SequenceInputError("invalid_delay", "delayMs", refusalReason("sequences", "delay"));
  return delayMs;
}

export function checkedWindow(window: SendingWindow | null): SendingWindow | null {
  if (window === null || isSendingWindow(window)) return window;
  throw new SequenceInputError("invalid_window", "window", refusalReason("sequences", "window"));
}

export function checkedTag(tag: string | null): string | null {
  if (tag === null) return null;
  const parsed = normalizeTags([tag]);
  if (parsed.ok && parsed.tags[0]) return parsed.tags[0];
  throw new SequenceInputError("invalid_tags", "triggerTag", refusalReason("sequences", "tag"));
}

/** A deeplink trigger's code, trimmed (empty as none); refused when no deeplink could ever have it. */
export function checkedDeeplink(code: string | null): string | null {
  const trimmed = code?.trim() ?? "";
  if (trimmed === "") return null;
  if (checkDeeplinkCode(trimmed).ok) return trimmed;
  throw new SequenceInputError("invalid_deeplink", "triggerDeeplink", refusalReason("sequences", "deeplink"));
}
