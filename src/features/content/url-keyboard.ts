import type { InlineKeyboardMarkup } from "grammy/types";
import type { UrlButton } from "../mailing/mailing.js";

/** URL buttons as an inline keyboard, each URL passed through `link` (click tracking); none without buttons. */
export function urlKeyboard(
  buttons: readonly UrlButton[][],
  link: (url: string) => string = (url) => url,
): InlineKeyboardMarkup | undefined {
  if (buttons.length === 0) return undefined;
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.text, url: link(b.url) }))) };
}
