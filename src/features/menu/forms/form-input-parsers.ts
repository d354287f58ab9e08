import type { Message } from "grammy/types";
import { type QuestionKind, questionKinds, type TargetKind } from "../../../db/schema/index.js";
import { texts } from "../../../texts/admin-forms.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { maxChoices, maxExpiryMinutes, maxPromptLength } from "../../forms/form-commands.js";
import { isProfileFieldTarget, kindFitsField, profileFieldKinds } from "../../forms/form-targets.js";
import { tagPattern } from "../../gate/deeplinks/deeplink-tags.js";
import { accept, type Parsed, parseText, refuse } from "../ask.js";

/** What an admin types into the forms pages' inputs, read or refused with the reason. */

/** The kinds as the prompts list them. */
export const kindList = questionKinds.join(", ");

export function parseKind(message: Message): Parsed<QuestionKind> {
  const typed = message.text?.trim().toLowerCase();
  const kind = questionKinds.find((k) => k === typed);
  return kind ? accept(kind) : refuse(fillTemplate(texts.badKind, { kinds: kindList }));
}

export function parseTarget(kind: QuestionKind) {
  return (message: Message): Parsed<{ targetKind: TargetKind; target: string }> => {
    const typed = message.text?.trim().toLowerCase() ?? "";
    // A choice question may subscribe to the chosen topic: its choices are then topic names.
    if (typed === "topic" && kind === "choice") return accept({ targetKind: "topic", target: "topic" });
    if (isProfileFieldTarget(typed)) {
      if (!kindFitsField(kind, typed))
        return refuse(
          fillTemplate(texts.kindDoesNotFit, {
            kind,
            target: typed,
            kinds: profileFieldKinds[typed].join(", "),
          }),
        );
      return accept({ targetKind: "field", target: typed });
    }
    return /^[a-z0-9_]{1,64}$/.test(typed)
      ? accept({ targetKind: "attribute", target: typed })
      : refuse(texts.badTarget);
  };
}

export function parsePrompt(message: Message): Parsed<string> {
  const text = parseText(message);
  if (!text.ok) return text;
  return text.value.text.length > maxPromptLength ? refuse(texts.badPrompt) : accept(text.value.text.trim());
}

export function parseChoices(message: Message): Parsed<string[]> {
  if (message.text === undefined) return refuse(shared.admin.notText);
  const choices = message.text
    .split("\n")
    .map((c) => c.trim())
    .filter((c) => c !== "");
  return choices.length > 0 && choices.length <= maxChoices ? accept(choices) : refuse(texts.askChoices);
}

export function parseYesNo(message: Message): Parsed<boolean> {
  const typed = message.text?.trim().toLowerCase();
  if (typed === "yes" || typed === "y") return accept(true);
  if (typed === "no" || typed === "n") return accept(false);
  return refuse(texts.badYesNo);
}

/** A text, or null for "-" (the default). */
export function parseOptionalText(message: Message): Parsed<string | null> {
  const text = parseText(message);
  if (!text.ok) return text;
  return accept(text.value.text.trim() === "-" ? null : text.value.text.trim());
}

/** A completion tag, or null for "-". */
export function parseTag(message: Message): Parsed<string | null> {
  const typed = message.text?.trim().toLowerCase() ?? "";
  if (typed === "-") return accept(null);
  return tagPattern.test(typed) ? accept(typed) : refuse(texts.badTag);
}

/** Minutes of expiry, 1 to a week. */
export function parseExpiry(message: Message): Parsed<number> {
  const typed = message.text?.trim() ?? "";
  const minutes = Number(typed);
  return /^\d+$/.test(typed) && minutes >= 1 && minutes <= maxExpiryMinutes
    ? accept(minutes)
    : refuse(texts.badExpiry);
}
