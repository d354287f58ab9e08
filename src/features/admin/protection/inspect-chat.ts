import type { UsherContext } from "../../../bot/context.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { texts } from "../../../texts/admin-protection.js";
import { type ChatReference, chatIdArgument, publicJoinUrl } from "../../gate/join-check/chat-reference.js";

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
 * link for it. The only Telegram I/O of adding a required chat.
 */
export async function inspectChat(ctx: UsherContext, reference: ChatReference): Promise<ChatInspection> {
  let chat: Awaited<ReturnType<UsherContext["api"]["getChat"]>>;
  try {
    chat = await ctx.api.getChat(chatIdArgument(reference));
  } catch (error) {
    const failure = classifyTelegramError(error);
    if (failure.kind === "chat_not_found") return { kind: "not_found" };
    ctx.log.warn({ failure }, "getChat failed while adding a required chat");
    return { kind: "failed", description: failure.description };
  }
  if (chat.type === "private") return { kind: "private_chat" };
  const title = chat.title;
  if (ctx.services.requiredChats.find(chat.id)) return { kind: "duplicate", title };

  try {
    const member = await ctx.api.getChatMember(chat.id, ctx.me.id);
    if (member.status !== "administrator" && member.status !== "creator")
      return { kind: "bot_not_admin", title };
  } catch (error) {
    const failure = classifyTelegramError(error);
    // A channel hides its members from a bot that is not its administrator.
    if (failure.kind === "inaccessible") return { kind: "bot_not_admin", title };
    if (failure.kind === "chat_not_found") return { kind: "not_found" };
    ctx.log.warn({ failure }, "getChatMember failed while adding a required chat");
    return { kind: "failed", description: failure.description };
  }

  const joinUrl = chat.username
    ? publicJoinUrl(chat.username)
    : (chat.invite_link ?? (await newInviteLink(ctx, chat.id)));
  return { kind: "ok", chat: { chatId: chat.id, title, joinUrl } };
}

/**
 * A dedicated invite link for a chat without a username. createChatInviteLink rather than
 * exportChatInviteLink, because exporting revokes the chat's primary link that people may be using.
 */
async function newInviteLink(ctx: UsherContext, chatId: number): Promise<string | null> {
  try {
    const link = await ctx.api.createChatInviteLink(chatId, { name: texts.addChat.inviteLinkName });
    return link.invite_link;
  } catch (error) {
    ctx.log.info({ failure: classifyTelegramError(error), chatId }, "could not create an invite link");
    return null;
  }
}
