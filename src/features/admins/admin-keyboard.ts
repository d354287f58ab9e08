import type { ReplyKeyboardMarkup } from "grammy/types";
import { texts } from "../../texts/bot.js";
import { textsIn } from "../../texts/locale-texts.js";
import { locales } from "../../texts/translations.js";

/**
 * The reply keyboard admins get: one "🔐Admin" button that opens the menu. Its label is read when the
 * keyboard is sent (a getter), so it is in the language of the admin it is sent to.
 */
export const adminKeyboard: ReplyKeyboardMarkup = {
  get keyboard() {
    return [[{ text: texts.admin.keyboardButton }]];
  },
  resize_keyboard: true,
  is_persistent: true,
};

/** The 🔐Admin label in every language Usher speaks: any of them opens the menu. */
export function adminKeyboardButtons(): string[] {
  return [...new Set(locales.map((locale) => textsIn("bot", locale).admin.keyboardButton))];
}

/** True when `text` is a 🔐Admin button, of any language. */
export function isAdminKeyboardButton(text: string | undefined): boolean {
  return text !== undefined && adminKeyboardButtons().includes(text);
}
