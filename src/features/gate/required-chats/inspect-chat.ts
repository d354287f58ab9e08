import type { Api } from "grammy";
import type { Logger } from "pino";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { lookUpChat } from "../../../telegram/look-up-chat.js";
import { texts } from "../../../texts/admin-protection.js";
import { type ChatReference, chatIdArgument, publicJoinUrl } from "./chat-reference.js";
import type { RequiredChatRepository } from "./required-chat-repository.js";

/** What looking a chat up needs: the Bot API, the bot's own id, the list, and a log for odd answers. */
export interface ChatInspectionDeps {
  api: Api;
  botId: number;
  requiredChats: Pick<RequiredChatRepository, "find">;
  log: Logger;
}

/** A chat that may be required: found, not listed yet, with the bot as an administrator. */
export interface InspectedChat {
  chatId: number;
  title: string;
  /** Null when neither a username, the chat's invite link nor a new invite link gave one. */
  joinUrl: string | null;
}

/** What looking a chat up found; plain data, so a conversation can replay it. */
export type ChatInspection =
  | { kind: "ok"; chat: InspectedChat }
  | { kind: "not_found" }
  | { kind: "private_chat" }
  | { kind: "duplicate"; title: string }
  | { kind: "bot_not_admin"; title: string }
  | { kind: "failed"; description: string };

/**
 * Looks a chat up as Telegram sees it (getChat, then the bot's own membership) and finds a join
 * link for it. The only Telegram I/O of adding a required chat, from the menu or the API.
 */
export async function inspectChat(
  deps: ChatInspectionDeps,
  reference: ChatReference,
): Promise<ChatInspection> {
  const lookup = await lookUpChat(deps, chatIdArgument(reference), "adding a required chat");
  if (lookup.kind === "hidden") return { kind: "bot_not_admin", title: lookup.title };
  if (lookup.kind !== "found") return lookup;
  const { chat, member } = lookup.found;
  const title = chat.title;
  if (deps.requiredChats.find(chat.id)) return { kind: "duplicate", title };
  if (member.status !== "administrator" && member.status !== "creator")
    return { kind: "bot_not_admin", title };

  const joinUrl = chat.username
    ? publicJoinUrl(chat.username)
    : (chat.invite_link ?? (await newInviteLink(deps, chat.id)));
  return { kind: "ok", chat: { chatId: chat.id, title, joinUrl } };
}

/**
 * A dedicated invite link for a chat without a username. createChatInviteLink rather than
 * exportChatInviteLink, because exporting revokes the chat's primary link that people may be using.
 */
async function newInviteLink(deps: ChatInspectionDeps, chatId: number): Promise<string | null> {
  try {
    const link = await deps.api.createChatInviteLink(chatId, { name: texts.addChat.inviteLinkName });
    return link.invite_link;
  } catch (error) {
    deps.log.info({ failure: classifyTelegramError(error), chatId }, "could not create an invite link");
    return null;
  }
}
