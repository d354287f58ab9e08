import type { Api, RawApi } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { trackTextLinks } from "../clicks/text-links.js";
import { renderTextContent } from "../content/text-content.js";
import { urlKeyboard } from "../content/url-keyboard.js";
import { sendPollParameters } from "../mailing/poll.js";
import type { RecipientFields } from "../personalization/recipient-fields.js";
import type { SequenceStepRecord } from "./sequence-repository.js";

/** What a step carries besides its own content, decided by whoever sends it. */
export interface StepExtras {
  /** The "stop these messages" button, under everything else. */
  stopButton?: InlineKeyboardButton;
  /** Click tracking: a URL to put on a button (or a text link) instead of the given one. */
  link?: (url: string) => string;
  /** A form's start link; undefined when the form is gone, and the step goes without its button. */
  formLink?: (formId: number) => string | undefined;
}

/** What Telegram made of a sent step: the first message, and the poll of a poll step. */
export interface SentStep {
  messageId: number;
  pollId?: string;
}

function keyboard(step: Pick<SequenceStepRecord, "buttons" | "formButton">, extras: StepExtras) {
  const rows: InlineKeyboardButton[][] = [...(urlKeyboard(step.buttons, extras.link)?.inline_keyboard ?? [])];
  const formUrl = step.formButton && extras.formLink?.(step.formButton.formId);
  if (step.formButton && formUrl)
    rows.push([{ text: step.formButton.text, url: extras.link ? extras.link(formUrl) : formUrl }]);
  if (extras.stopButton) rows.push([extras.stopButton]);
  return rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {};
}

/**
 * Sends one step to one chat: a text with the user's fields filled, a copy, an album copied whole,
 * or a poll of the chat's own; URL buttons and the form button (through `link` when clicks are
 * tracked) and the stop button under them (albums cannot carry buttons).
 */
export async function sendStep(
  api: Api<RawApi>,
  chatId: number,
  step: Pick<SequenceStepRecord, "content" | "buttons" | "formButton">,
  fields: RecipientFields,
  extras: StepExtras = {},
): Promise<SentStep> {
  const markup = keyboard(step, extras);
  const { content } = step;
  const { link } = extras;
  if (content.type === "text") {
    const rendered = renderTextContent(link ? trackTextLinks(content, link) : content, fields);
    return {
      messageId: (await api.sendMessage(chatId, rendered.text, { ...rendered.formatting, ...markup }))
        .message_id,
    };
  }
  if (content.type === "copy")
    return {
      messageId: (await api.copyMessage(chatId, content.fromChatId, content.messageId, markup)).message_id,
    };
  if (content.type === "poll") {
    const options = content.options.map((text) => ({ text }));
    const sent = await api.sendPoll(chatId, content.question, options, {
      ...sendPollParameters(content),
      ...markup,
    });
    return { messageId: sent.message_id, pollId: sent.poll.id };
  }
  const sent = await api.copyMessages(chatId, content.fromChatId, content.messageIds);
  return { messageId: sent[0]?.message_id ?? 0 };
}
