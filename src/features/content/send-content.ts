import type { Api, RawApi } from "grammy";
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from "grammy/types";
import { type LinkRewrite, trackTextLinks } from "../clicks/text-links.js";
import type { RecipientFields } from "../personalization/recipient-fields.js";
import type { MessageContent } from "./message-content.js";
import { renderTextContent } from "./text-content.js";

/**
 * Sends admin-defined content to a chat: texts with fields filled for the recipient (and their links
 * passed through `link`, click tracking, when given), anything else copied.
 */
export async function sendContent(
  api: Api<RawApi>,
  chatId: number,
  content: MessageContent,
  fields: RecipientFields,
  replyMarkup?: InlineKeyboardMarkup | ReplyKeyboardMarkup,
  link?: LinkRewrite,
): Promise<void> {
  const extra = replyMarkup ? { reply_markup: replyMarkup } : {};
  if (content.type === "text") {
    const rendered = renderTextContent(link ? trackTextLinks(content, link) : content, fields);
    await api.sendMessage(chatId, rendered.text, { ...rendered.formatting, ...extra });
    return;
  }
  await api.copyMessage(chatId, content.fromChatId, content.messageId, extra);
}
