import type { Api, RawApi } from "grammy";
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from "grammy/types";
import type { MessageContent } from "./message-content.js";
import type { TemplateValues } from "./template.js";
import { renderTextContent } from "./text-content.js";

/** Sends admin-defined content to a chat: texts with templates filled in, anything else copied. */
export async function sendContent(
  api: Api<RawApi>,
  chatId: number,
  content: MessageContent,
  values: TemplateValues,
  replyMarkup?: InlineKeyboardMarkup | ReplyKeyboardMarkup,
): Promise<void> {
  const extra = replyMarkup ? { reply_markup: replyMarkup } : {};
  if (content.type === "text") {
    const rendered = renderTextContent(content, values);
    await api.sendMessage(chatId, rendered.text, { ...rendered.formatting, ...extra });
    return;
  }
  await api.copyMessage(chatId, content.fromChatId, content.messageId, extra);
}
