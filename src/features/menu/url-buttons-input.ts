import type { Message } from "grammy/types";
import type { Services } from "../../bot/services.js";
import { texts } from "../../texts/admin-url-buttons.js";
import { texts as shared } from "../../texts/bot.js";
import { fillTemplate } from "../content/template.js";
import type { UrlButton } from "../mailing/mailing.js";
import { parseUrlButtons } from "../mailing/url-buttons.js";
import { accept, type Parsed, refuse } from "./ask.js";

/** URL buttons as the admin types them (`Label - url`, `|` between buttons of a row), or "none". */
export function describeUrlButtons(buttons: readonly UrlButton[][], maxLength = 1500): string {
  if (buttons.length === 0) return texts.none;
  const typed = buttons.map((row) => row.map((b) => `${b.text} - ${b.url}`).join(" | ")).join("\n");
  return typed.length > maxLength ? `${typed.slice(0, maxLength)}…` : typed;
}

/** Whether button clicks are tracked, for the pages that edit buttons. */
export function trackingNote(services: Pick<Services, "links">): string {
  return services.links ? fillTemplate(texts.tracked, { prefix: services.links.prefix }) : texts.untracked;
}

/** The prompt asking for buttons, showing the current ones. */
export function askButtonsPrompt(current: readonly UrlButton[][]): string {
  return fillTemplate(texts.ask, { current: describeUrlButtons(current) });
}

/** An admin's answer: buttons in the mailing wizard's syntax, or - for none. */
export function parseButtonsMessage(message: Message): Parsed<UrlButton[][]> {
  const text = message.text?.trim();
  if (text === undefined) return refuse(shared.admin.notText);
  if (text === "-") return accept([]);
  const parsed = parseUrlButtons(text);
  if (parsed.ok) return accept(parsed.buttons);
  return refuse(fillTemplate(texts.problem[parsed.problem], { line: parsed.line, button: parsed.button }));
}

/** What to say after buttons were saved. */
export function buttonsSavedText(buttons: readonly UrlButton[][]): string {
  return buttons.length === 0 ? texts.removed : fillTemplate(texts.saved, { count: buttons.flat().length });
}
