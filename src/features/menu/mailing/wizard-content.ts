import type { Message } from "grammy/types";
import { texts } from "../../../texts/admin-mailing.js";
import { texts as fieldTexts } from "../../../texts/personalization.js";
import { fillTemplate } from "../../content/template.js";
import type { MailingContent, MailingPayload } from "../../mailing/mailing.js";
import { pollProblem } from "../../mailing/poll.js";
import { unknownFields } from "../../personalization/template-fields.js";
import { accept, type Parsed, parseText, refuse } from "../ask.js";
import { pollContentOf, pollSummary } from "./wizard-poll.js";

/** Kinds of message copyMessage can copy; service messages, invoices, giveaways and the like cannot. */
const copyableFields = [
  "photo",
  "video",
  "document",
  "audio",
  "voice",
  "sticker",
  "animation",
  "video_note",
  "location",
  "venue",
  "contact",
  "dice",
] as const satisfies ReadonlyArray<keyof Message>;

/** A message as content: whole, or the first item of an album still being gathered. */
export type ContentAnswer =
  | { content: MailingContent }
  | { albumStart: { chatId: number; messageId: number; group: string } };

/** A message the admin sent as a mailing's (or a variant's) content; a text must use only known fields. */
export function contentOf(message: Message): Parsed<ContentAnswer> {
  if (message.media_group_id !== undefined) {
    return accept({
      albumStart: { chatId: message.chat.id, messageId: message.message_id, group: message.media_group_id },
    });
  }
  if (message.text !== undefined) {
    const parsed = parseText(message);
    if (!parsed.ok) return parsed;
    const { text, entities } = parsed.value;
    const [unknown] = unknownFields(text);
    if (unknown !== undefined) return refuse(fillTemplate(fieldTexts.unknownField, { field: unknown }));
    return accept({ content: entities ? { type: "text", text, entities } : { type: "text", text } });
  }
  if (message.poll !== undefined) {
    const poll = pollContentOf(message.poll);
    const problem = pollProblem(poll);
    return problem === null ? accept({ content: poll }) : refuse(problem);
  }
  if (copyableFields.some((field) => message[field] !== undefined)) {
    const copy = { type: "copy", fromChatId: message.chat.id, messageId: message.message_id } as const;
    const { caption, caption_entities: entities = [] } = message;
    const hasLinks = entities.some((e) => e.type === "url" || e.type === "text_link");
    return accept({
      content: caption && hasLinks ? { ...copy, caption: { text: caption, entities } } : copy,
    });
  }
  return refuse(texts.notCopyable);
}

/** The content in a few words, for the confirmation, the variants list and the history. */
export function contentSummary(payload: MailingPayload): string {
  if (payload.kind === "probe") return texts.contentProbe;
  const content = payload.content;
  if (content.type === "album") return fillTemplate(texts.contentAlbum, { count: content.messageIds.length });
  if (content.type === "copy") return texts.contentCopy;
  if (content.type === "poll") return pollSummary(content);
  const preview = content.text.length > 60 ? `${content.text.slice(0, 60)}…` : content.text;
  return fillTemplate(texts.contentText, { preview });
}
