import type { MessageEntity } from "grammy/types";

/** Telegram's markup languages a text may be written in, instead of formatting entities. */
export type ParseMode = "HTML" | "MarkdownV2";

/**
 * Something the bot says on an admin's behalf: a text (templates allowed) or a stored message
 * that is copied, so any content type works without a "forwarded from" header.
 */
export type MessageContent =
  | {
      type: "text";
      text: string;
      entities?: MessageEntity[];
      /** The text is markup in this language; template values are escaped for it. */
      parseMode?: ParseMode;
      disableLinkPreview?: boolean;
    }
  | {
      type: "copy";
      fromChatId: number;
      messageId: number;
      /** The copied message's caption when it holds links, so each recipient's copy can carry tracked ones. */
      caption?: { text: string; entities: MessageEntity[] };
    };

export type TextContent = Extract<MessageContent, { type: "text" }>;
