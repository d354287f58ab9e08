import type { Api } from "grammy";
import type { ChatFullInfo, ChatMember } from "grammy/types";
import type { Logger } from "pino";
import { classifyTelegramError } from "./errors.js";

/** A group or channel as Telegram sees it, with the bot's own membership there. */
export interface FoundChat {
  chat: Exclude<ChatFullInfo, ChatFullInfo.PrivateChat>;
  member: ChatMember;
}

/** What looking a chat up found; plain data, so a conversation can replay it. */
export type ChatLookup =
  | { kind: "found"; found: FoundChat }
  | { kind: "not_found" }
  | { kind: "private_chat" }
  | { kind: "hidden"; title: string }
  | { kind: "failed"; description: string };

/**
 * Looks a chat up (getChat, then the bot's own membership), for adding a required chat or choosing
 * the support chat; `purpose` names the action in the log when Telegram answers oddly.
 */
export async function lookUpChat(
  deps: { api: Api; botId: number; log: Logger },
  chatId: number | string,
  purpose: string,
): Promise<ChatLookup> {
  const { api, log } = deps;
  let chat: ChatFullInfo;
  try {
    chat = await api.getChat(chatId);
  } catch (error) {
    const failure = classifyTelegramError(error);
    if (failure.kind === "chat_not_found") return { kind: "not_found" };
    log.warn({ failure }, `getChat failed while ${purpose}`);
    return { kind: "failed", description: failure.description };
  }
  if (chat.type === "private") return { kind: "private_chat" };
  try {
    return { kind: "found", found: { chat, member: await api.getChatMember(chat.id, deps.botId) } };
  } catch (error) {
    const failure = classifyTelegramError(error);
    // A channel hides its members from a bot that is not its administrator.
    if (failure.kind === "inaccessible") return { kind: "hidden", title: chat.title };
    if (failure.kind === "chat_not_found") return { kind: "not_found" };
    log.warn({ failure }, `getChatMember failed while ${purpose}`);
    return { kind: "failed", description: failure.description };
  }
}
