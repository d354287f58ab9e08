import type { Api, RawApi } from "grammy";
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from "grammy/types";
import type { RecipientFields } from "../personalization/recipient-fields.js";
import type { MessageContent } from "./message-content.js";
import { renderTextContent } from "./text-content.js";

/** Sends admin-defined content to a chat: texts with fields filled for the recipient, anything else copied. */
export async function sendContent(
  api: Api<RawApi>,
  chatId: number,
  content: MessageContent,
  fields: RecipientFields,
  replyMarkup?: InlineKeyboardMarkup | ReplyKeyboardMarkup,
): Promise<void> {
  const extra = replyMarkup ? { reply_markup: replyMarkup } : {};
  if (content.type === "text") {
    const rendered = renderTextContent(content, fields);
    await api.sendMessage(chatId, rendered.text, { ...rendered.formatting, ...extra });
    return;
  }
  await api.copyMessage(chatId, content.fromChatId, content.messageId, extra);
}
