import type { Chat, ChatMember, Update, User } from "grammy/types";
import { type GroupChat, isGroupType } from "./group-repository.js";

/** What one update from a group says about who is in it. */
export type GroupEvent =
  /** The bot joined (or is still in) the group, or left or was removed from it. */
  | { kind: "bot"; chat: GroupChat; inGroup: boolean }
  /** The group became the supergroup `to` (a new chat id): its members are the supergroup's now. */
  | { kind: "migrated"; chat: GroupChat; to: GroupChat }
  /** People seen joining, leaving or writing; bots are left out. */
  | { kind: "members"; chat: GroupChat; members: Array<{ userId: number; isMember: boolean }> };

/** Whether a chat member status means the user is in the chat. */
export function isInChat(member: ChatMember): boolean {
  if (member.status === "restricted") return member.is_member;
  return member.status === "creator" || member.status === "administrator" || member.status === "member";
}

function groupOf(chat: Chat): GroupChat | undefined {
  if (!isGroupType(chat.type)) return undefined;
  return {
    id: chat.id,
    title: "title" in chat && chat.title ? chat.title : String(chat.id),
    type: chat.type,
  };
}

const people = (users: readonly User[], isMember: boolean) =>
  users.filter((u) => !u.is_bot).map((u) => ({ userId: u.id, isMember }));

/** The event an update from a group or supergroup carries, if any (`botId`: the bot's own user id). */
export function groupEventOf(update: Update, botId: number): GroupEvent | undefined {
  const mine = update.my_chat_member;
  if (mine) {
    const chat = groupOf(mine.chat);
    return chat && { kind: "bot", chat, inGroup: isInChat(mine.new_chat_member) };
  }
  const member = update.chat_member;
  if (member) {
    const chat = groupOf(member.chat);
    return (
      chat && {
        kind: "members",
        chat,
        members: people([member.new_chat_member.user], isInChat(member.new_chat_member)),
      }
    );
  }
  const message = update.message;
  const chat = message && groupOf(message.chat);
  if (!message || !chat) return undefined;
  if (message.migrate_to_chat_id !== undefined) {
    return {
      kind: "migrated",
      chat,
      to: { id: message.migrate_to_chat_id, title: chat.title, type: "supergroup" },
    };
  }
  const left = message.left_chat_member;
  if (left?.id === botId) return { kind: "bot", chat, inGroup: false };
  if (left) return { kind: "members", chat, members: people([left], false) };
  // A message sent on behalf of a chat (an anonymous admin, a channel) says nothing about its sender.
  const from = message.sender_chat === undefined && message.from ? [message.from] : [];
  return { kind: "members", chat, members: people([...(message.new_chat_members ?? []), ...from], true) };
}
