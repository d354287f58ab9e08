import type { ChatMember, Message, MessageEntity, Poll, Update, User } from "grammy/types";
import { compact, type MessageContent, mediaContent, photoSize } from "./messages.js";
import type { MemberStatus, SimUser } from "./types.js";
import { memberObject, privateChat, toUser, type World } from "./world.js";

export interface DocumentInput {
  file_name: string;
  mime_type: string;
  content: Uint8Array | string;
  caption?: string;
}

export interface PollInput {
  question: string;
  options: string[];
  is_anonymous?: boolean;
  allows_multiple_answers?: boolean;
  /** Makes it a quiz. */
  correct_option_ids?: number[];
  explanation?: string;
}

export interface ContactOverrides {
  user_id?: number;
  first_name?: string;
  last_name?: string;
}

function commandEntities(text: string): MessageEntity[] | undefined {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return command === null ? undefined : [{ type: "bot_command", offset: 0, length: command[0].length }];
}

/**
 * Builds realistic updates as if users did things in Telegram. Messages they "send" are recorded
 * in the chat's transcript, so the bot can copy or reply to them. Updates are returned, not
 * queued: pass them to `bot.handleUpdate` or to `fake.enqueue`.
 */
export class UpdateFactory {
  private lastUpdateId = 100_000;
  private lastCallbackId = 0;

  constructor(private readonly world: World) {}

  text(user: SimUser, text: string): Update {
    return this.message(user, compact({ text, entities: commandEntities(text) }));
  }

  start(user: SimUser, payload?: string): Update {
    return this.text(user, payload === undefined || payload === "" ? "/start" : `/start ${payload}`);
  }

  command(user: SimUser, command: string, args?: string): Update {
    return this.text(user, args === undefined || args === "" ? `/${command}` : `/${command} ${args}`);
  }

  /** A press on an inline button of a message the bot sent to this user. */
  callback(user: SimUser, press: { message_id: number; data: string }): Update {
    const entry = this.world.message(user.id, press.message_id);
    if (entry === undefined)
      throw new Error(`fake-telegram: no message ${press.message_id} in chat ${user.id}`);
    this.lastCallbackId += 1;
    const id = `${user.id}${String(this.lastCallbackId).padStart(6, "0")}`;
    this.world.callbackQueries.set(id, false);
    return this.wrap({
      callback_query: {
        id,
        from: toUser(user),
        message: entry.message,
        chat_instance: String(7_000_000_000_000 + user.id),
        data: press.data,
      },
    });
  }

  contact(user: SimUser, phone: string, overrides: ContactOverrides = {}): Update {
    const contact = compact({
      phone_number: phone,
      first_name: overrides.first_name ?? user.first_name,
      last_name: overrides.last_name ?? (overrides.first_name === undefined ? user.last_name : undefined),
      user_id: overrides.user_id ?? user.id,
    });
    return this.message(user, { contact });
  }

  document(user: SimUser, input: DocumentInput): Update {
    const file = this.world.addFile({
      kind: "document",
      content: input.content,
      file_name: input.file_name,
      mime_type: input.mime_type,
    });
    return this.message(user, compact({ ...mediaContent(file), caption: input.caption }));
  }

  photo(user: SimUser, options: { caption?: string } = {}): Update {
    const file = this.world.addFile({ kind: "photo", content: "fake jpeg bytes" });
    return this.message(user, compact({ photo: [photoSize(file)], caption: options.caption }));
  }

  /** A native poll the user posts (a quiz's right options are known: it is the private chat with the bot). */
  poll(user: SimUser, input: PollInput): Update {
    const quiz = input.correct_option_ids !== undefined;
    const poll: Poll = compact({
      id: this.world.pollIds.next(),
      question: input.question,
      options: input.options.map((text, i) => ({ text, voter_count: 0, persistent_id: String(i) })),
      total_voter_count: 0,
      is_closed: false,
      is_anonymous: input.is_anonymous ?? true,
      type: quiz ? ("quiz" as const) : ("regular" as const),
      allows_multiple_answers: input.allows_multiple_answers ?? false,
      allows_revoting: !quiz,
      members_only: false,
      correct_option_ids: input.correct_option_ids,
      explanation: input.explanation,
    });
    return this.message(user, { poll });
  }

  /** The user votes in a poll (0-based option ids; none retracts the vote), as a non-anonymous poll reports it. */
  pollAnswer(user: SimUser, pollId: string, optionIds: number[]): Update {
    const persistent = optionIds.map(String);
    return this.wrap({
      poll_answer: {
        poll_id: pollId,
        user: toUser(user),
        option_ids: optionIds,
        option_persistent_ids: persistent,
      },
    });
  }

  /** The user blocks ("kicked") or unblocks/restarts ("member") the bot; the user's state follows. */
  myChatMember(user: SimUser, status: "kicked" | "member"): Update {
    const bot = this.world.botUser;
    const member: ChatMember = { status: "member", user: bot };
    const kicked: ChatMember = { status: "kicked", user: bot, until_date: 0 };
    this.world.setUserState(user.id, status === "kicked" ? "blocked" : "active");
    return this.wrap({
      my_chat_member: {
        chat: privateChat(user),
        from: toUser(user),
        date: this.world.seconds(),
        old_chat_member: status === "kicked" ? member : kicked,
        new_chat_member: status === "kicked" ? kicked : member,
      },
    });
  }

  /** A user's status changes in a group or channel; getChatMember reports the new status. */
  chatMember(chatId: number, user: SimUser, status: MemberStatus): Update {
    const chat = this.world.chat(chatId);
    if (chat === undefined) throw new Error(`fake-telegram: unknown chat ${chatId}`);
    const oldMember = this.world.chatMember(chat, user.id);
    this.world.setMembership(chatId, user.id, status);
    return this.wrap({
      chat_member: {
        chat: this.world.groupChat(chat),
        from: toUser(user),
        date: this.world.seconds(),
        old_chat_member: oldMember,
        new_chat_member: this.world.chatMember(chat, user.id),
      },
    });
  }

  /** The bot is added to a group ("member", "administrator") or leaves or is removed from it, by `by`. */
  botMembership(chatId: number, by: SimUser, status: "member" | "administrator" | "left" | "kicked"): Update {
    const chat = this.requireChat(chatId);
    const bot = this.world.botUser;
    const inside = status === "member" || status === "administrator";
    chat.botIsAdmin = status === "administrator";
    return this.wrap({
      my_chat_member: {
        chat: this.world.groupChat(chat),
        from: toUser(by),
        date: this.world.seconds(),
        old_chat_member: memberObject(bot, inside ? "left" : "member"),
        new_chat_member: memberObject(bot, status),
      },
    });
  }

  /** A message in a group from `user`: a text, or a join or leave notice (`new_chat_members`, `left_chat_member`). */
  groupMessage(chatId: number, user: SimUser, fields: Partial<Message> = { text: "hi all" }): Update {
    const chat = this.requireChat(chatId);
    const group = this.world.groupChat(chat);
    if (group.type === "channel") throw new Error("fake-telegram: a channel has no members' messages");
    const message = {
      message_id: this.world.nextMessageId(chat.id),
      date: this.world.seconds(),
      ...fields,
      from: toUser(user),
      chat: group,
    } as Update["message"];
    return this.wrap({ message });
  }

  /** A message forwarded from `from`; a string stands for a user hiding their account in forwards. */
  forwarded(user: SimUser, from: SimUser | User | string, text = "Forwarded message"): Update {
    const date = this.world.seconds() - 60;
    const forward_origin =
      typeof from === "string"
        ? { type: "hidden_user" as const, sender_user_name: from, date }
        : { type: "user" as const, sender_user: "is_bot" in from ? from : toUser(from), date };
    return this.message(user, { text }, { forward_origin });
  }

  private requireChat(chatId: number) {
    const chat = this.world.chat(chatId);
    if (chat === undefined) throw new Error(`fake-telegram: unknown chat ${chatId}`);
    return chat;
  }

  private message(user: SimUser, content: MessageContent, fields = {}): Update {
    return this.wrap({ message: this.world.postFromUser(user, content, fields) });
  }

  private wrap(fields: Omit<Update, "update_id">): Update {
    this.lastUpdateId += 1;
    return { update_id: this.lastUpdateId, ...fields };
  }
}
