import type { Api, RawApi } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { trackTextLinks } from "../clicks/text-links.js";
import { renderTextContent } from "../content/text-content.js";
import { urlKeyboard } from "../content/url-keyboard.js";
import type { RecipientFields } from "../personalization/recipient-fields.js";
import type { SequenceStepRecord } from "./sequence-repository.js";

/**
 * Sends one step to one chat: a text with the user's fields filled, a copy, or an album copied
 * whole; URL buttons (through `link` when clicks are tracked) and, when given, the stop button
 * under them (albums cannot carry buttons). Returns the first message's id.
 */
export async function sendStep(
  api: Api<RawApi>,
  chatId: number,
  step: Pick<SequenceStepRecord, "content" | "buttons">,
  fields: RecipientFields,
  stopButton?: InlineKeyboardButton,
  link?: (url: string) => string,
): Promise<number> {
  const rows: InlineKeyboardButton[][] = [...(urlKeyboard(step.buttons, link)?.inline_keyboard ?? [])];
  if (stopButton) rows.push([stopButton]);
  const markup = rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {};
  const content = step.content;
  if (content.type === "text") {
    const rendered = renderTextContent(link ? trackTextLinks(content, link) : content, fields);
    return (await api.sendMessage(chatId, rendered.text, { ...rendered.formatting, ...markup })).message_id;
  }
  if (content.type === "copy")
    return (await api.copyMessage(chatId, content.fromChatId, content.messageId, markup)).message_id;
  const sent = await api.copyMessages(chatId, content.fromChatId, content.messageIds);
  return sent[0]?.message_id ?? 0;
}
