import type { MessageEntity } from "grammy/types";

/**
 * Something the bot says on an admin's behalf: a text (templates allowed) or a stored message
 * that is copied, so any content type works without a "forwarded from" header.
 */
export type MessageContent =
  | { type: "text"; text: string; entities?: MessageEntity[] }
  | { type: "copy"; fromChatId: number; messageId: number };
