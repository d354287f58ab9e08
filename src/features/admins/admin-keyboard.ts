import type { ReplyKeyboardMarkup } from "grammy/types";
import { texts } from "../../texts/bot.js";

/** The reply keyboard admins get: one "🔐Admin" button that opens the menu. */
export const adminKeyboard: ReplyKeyboardMarkup = {
  keyboard: [[{ text: texts.admin.keyboardButton }]],
  resize_keyboard: true,
  is_persistent: true,
};
