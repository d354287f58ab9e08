import type { Api } from "grammy";
import type { ChatMember } from "grammy/types";
import type { Logger } from "pino";
import { lookUpChat } from "../../../telegram/look-up-chat.js";
import { type ChatReference, chatIdArgument } from "../../gate/required-chats/chat-reference.js";

/** A chat paused users' messages may be relayed to: found, and the bot may post there. */
export interface SupportChat {
  chatId: number;
  title: string;
}

/** What looking a support chat up found; plain data, so a conversation can replay it. */
export type SupportChatCheck =
  | { kind: "ok"; chat: SupportChat }
  | { kind: "not_found" }
  | { kind: "private_chat" }
  | { kind: "cannot_post"; title: string }
  | { kind: "failed"; description: string };

/** Whether the bot, as this member of a chat of this type, may send messages there. */
function canPost(type: "group" | "supergroup" | "channel", member: ChatMember): boolean {
  switch (member.status) {
    case "creator":
      return true;
    case "administrator":
      return type !== "channel" || member.can_post_messages === true;
    case "member":
      return type !== "channel";
    case "restricted":
      return type !== "channel" && member.is_member && member.can_send_messages;
    default:
      return false;
  }
}

/** Looks a chat up as Telegram sees it (getChat, then the bot's own membership): the only Telegram I/O of choosing a support chat. */
export async function checkSupportChat(
  deps: { api: Api; botId: number; log: Logger },
  reference: ChatReference,
): Promise<SupportChatCheck> {
  const lookup = await lookUpChat(deps, chatIdArgument(reference), "choosing the support chat");
  if (lookup.kind === "hidden") return { kind: "cannot_post", title: lookup.title };
  if (lookup.kind !== "found") return lookup;
  const { chat, member } = lookup.found;
  return canPost(chat.type, member)
    ? { kind: "ok", chat: { chatId: chat.id, title: chat.title } }
    : { kind: "cannot_post", title: chat.title };
}
