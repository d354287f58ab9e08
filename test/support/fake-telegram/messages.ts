import type { InlineKeyboardMarkup, Message, PhotoSize } from "grammy/types";
import { isRecord } from "./params.js";
import type { ContentKind, FileRecord, InlineButtonView, Params, TranscriptMessage } from "./types.js";

/** The content part of a message: what copyMessage carries over and editing changes. */
export type MessageContent = Pick<
  Message,
  | "text"
  | "entities"
  | "caption"
  | "caption_entities"
  | "photo"
  | "document"
  | "video"
  | "audio"
  | "voice"
  | "sticker"
  | "animation"
  | "contact"
  | "poll"
>;

const CONTENT_KEYS = [
  "text",
  "entities",
  "caption",
  "caption_entities",
  "photo",
  "document",
  "video",
  "audio",
  "voice",
  "sticker",
  "animation",
  "contact",
  "poll",
] as const satisfies readonly (keyof MessageContent)[];

/** Drops undefined-valued keys so objects look like decoded JSON (and compare strictly). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function pickContent(message: Message): MessageContent {
  const content: MessageContent = {};
  for (const key of CONTENT_KEYS) {
    if (message[key] !== undefined) Object.assign(content, { [key]: message[key] });
  }
  return content;
}

/** The message without its content: what an edit of the media starts from. */
export function withoutContent(message: Message): Message {
  const rest = { ...message };
  for (const key of CONTENT_KEYS) delete rest[key];
  return rest;
}

export function kindOf(message: Message): ContentKind {
  if (message.text !== undefined) return "text";
  // Animations also carry a `document` field, so they are checked first.
  if (message.animation !== undefined) return "animation";
  if (message.photo !== undefined) return "photo";
  if (message.video !== undefined) return "video";
  if (message.audio !== undefined) return "audio";
  if (message.voice !== undefined) return "voice";
  if (message.sticker !== undefined) return "sticker";
  if (message.document !== undefined) return "document";
  if (message.contact !== undefined) return "contact";
  if (message.poll !== undefined) return "poll";
  return "other";
}

export function photoSize(file: FileRecord): PhotoSize {
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    width: file.width ?? 800,
    height: file.height ?? 600,
    file_size: file.size,
  };
}

/** The message fields Telegram fills for a file of the given kind. */
export function mediaContent(file: FileRecord): MessageContent {
  const base = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.size };
  const named = compact({ ...base, file_name: file.file_name, mime_type: file.mime_type });
  switch (file.kind) {
    case "photo":
      return { photo: [photoSize(file)] };
    case "document":
      return { document: named };
    case "video":
      return { video: { ...named, width: 640, height: 360, duration: 1 } };
    case "audio":
      return { audio: { ...named, duration: 1 } };
    case "voice":
      return { voice: compact({ ...base, duration: 1, mime_type: file.mime_type ?? "audio/ogg" }) };
    case "sticker":
      return {
        sticker: { ...base, type: "regular", width: 512, height: 512, is_animated: false, is_video: false },
      };
    case "animation":
      return { animation: { ...named, width: 320, height: 240, duration: 1 }, document: named };
  }
}

/** Telegram's Message only ever carries inline keyboards, and only non-empty ones. */
export function inlineMarkupOf(markup: unknown): InlineKeyboardMarkup | undefined {
  if (!isRecord(markup) || !Array.isArray(markup.inline_keyboard)) return undefined;
  return markup.inline_keyboard.some((row) => Array.isArray(row) && row.length > 0)
    ? (markup as unknown as InlineKeyboardMarkup)
    : undefined;
}

export function describe(
  message: Message,
  sender: TranscriptMessage["sender"],
  extra: { markup?: unknown; params?: Params; edited?: boolean } = {},
): TranscriptMessage {
  return compact({
    message_id: message.message_id,
    chat_id: message.chat.id,
    sender,
    kind: kindOf(message),
    text: message.text,
    caption: message.caption,
    reply_markup: extra.markup,
    message,
    params: extra.params,
    edited: extra.edited ?? false,
  });
}

/** Inline keyboard buttons of a message, row by row, flattened. */
export function inlineButtons(message: { reply_markup?: unknown } | undefined): InlineButtonView[] {
  const markup = message?.reply_markup;
  if (!isRecord(markup) || !Array.isArray(markup.inline_keyboard)) return [];
  return markup.inline_keyboard.flatMap((row: unknown) =>
    Array.isArray(row)
      ? row.filter(isRecord).map((button) =>
          compact({
            text: String(button.text ?? ""),
            callback_data: typeof button.callback_data === "string" ? button.callback_data : undefined,
            url: typeof button.url === "string" ? button.url : undefined,
          }),
        )
      : [],
  );
}
