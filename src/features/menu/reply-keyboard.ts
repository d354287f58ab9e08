import type { ReplyKeyboardMarkup } from "grammy/types";

/** A persistent reply keyboard whose buttons send their label as a message (the admin's choices in an input). */
export function replyKeyboard(rows: string[][]): ReplyKeyboardMarkup {
  return {
    keyboard: rows.map((row) => row.map((text) => ({ text }))),
    resize_keyboard: true,
    is_persistent: true,
  };
}
