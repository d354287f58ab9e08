import type { Chat, ChatMember, Message, User, UserFromGetMe } from "grammy/types";
import { badRequest, forbidden } from "./errors.js";
import { compact, describe, inlineMarkupOf, type MessageContent } from "./messages.js";
import { PollIds } from "./polls.js";
import type {
  AddFileInput,
  FileKind,
  FileRecord,
  MemberStatus,
  Params,
  SimChat,
  SimChatInput,
  SimUser,
  SimUserInput,
  TranscriptMessage,
  UserState,
} from "./types.js";

const FILE_DIRS: Record<FileKind, [dir: string, ext: string]> = {
  photo: ["photos", "jpg"],
  document: ["documents", "dat"],
  video: ["videos", "mp4"],
  audio: ["music", "mp3"],
  voice: ["voice", "oga"],
  sticker: ["stickers", "webp"],
  animation: ["animations", "mp4"],
};

export function toUser(user: SimUser): User {
  return compact({
    id: user.id,
    is_bot: false,
    first_name: user.first_name,
    last_name: user.last_name,
    username: user.username,
    language_code: user.language_code,
    is_premium: user.is_premium === true ? true : undefined,
  });
}

export function privateChat(user: SimUser): Chat.PrivateChat {
  return compact({
    id: user.id,
    type: "private",
    first_name: user.first_name,
    last_name: user.last_name,
    username: user.username,
  });
}

/** A restricted member, as seeded by tests, may do nothing. */
const RESTRICTED_PERMISSIONS = {
  can_send_messages: false,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_polls: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
  can_react_to_messages: false,
  can_change_info: false,
  can_invite_users: false,
  can_edit_tag: false,
  can_pin_messages: false,
  can_manage_topics: false,
};

export function memberObject(user: User, status: MemberStatus): ChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: true,
        can_edit_stories: true,
        can_delete_stories: true,
        can_post_messages: true,
        can_edit_messages: true,
        can_pin_messages: true,
        can_send_welcome_messages: true,
      };
    case "member":
    case "left":
      return { status, user };
    case "kicked":
      return { status, user, until_date: 0 };
    default:
      return {
        status: "restricted",
        user,
        is_member: status === "restricted" ? true : status.is_member,
        ...RESTRICTED_PERMISSIONS,
        until_date: 0,
      };
  }
}

/** Everything the fake Telegram "knows": people, chats, memberships, messages and files. */
export class World {
  private readonly users = new Map<number, SimUser>();
  private readonly chats = new Map<number, SimChat>();
  private readonly memberships = new Map<number, Map<number, MemberStatus>>();
  private readonly transcripts = new Map<number, Map<number, TranscriptMessage>>();
  private readonly lastMessageIds = new Map<number, number>();
  private readonly files = new Map<string, FileRecord>();
  private readonly filesByPath = new Map<string, FileRecord>();
  private readonly profilePhotos = new Map<number, FileRecord[]>();
  /** Callback query ids the fake issued, and whether the bot answered them. */
  readonly callbackQueries = new Map<string, boolean>();
  /** Ids of the polls the bot sends or copies and users post. */
  readonly pollIds = new PollIds();
  private nextUserId = 5_000_001;
  private fileCount = 0;
  /** Called with the chat's id whenever a message in it is stored, edited or removed (the playground's live page). */
  private readonly changeListeners = new Set<(chatId: number) => void>();

  constructor(
    readonly botInfo: UserFromGetMe,
    readonly now: () => number,
  ) {}

  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  get botUser(): User {
    return {
      id: this.botInfo.id,
      is_bot: true,
      first_name: this.botInfo.first_name,
      username: this.botInfo.username,
    };
  }

  // --- people

  addUser(input: SimUserInput = {}): SimUser {
    const id = input.id ?? this.nextUserId;
    if (this.users.has(id)) throw new Error(`fake-telegram: user ${id} already exists`);
    this.nextUserId = Math.max(this.nextUserId, id + 1);
    const user: SimUser = compact({
      id,
      first_name: input.first_name ?? `User ${id}`,
      last_name: input.last_name,
      username: input.username,
      language_code: input.language_code,
      is_premium: input.is_premium,
      state: input.state ?? "active",
    });
    this.users.set(id, user);
    return user;
  }

  user(id: number): SimUser | undefined {
    return this.users.get(id);
  }

  allUsers(): SimUser[] {
    return [...this.users.values()];
  }

  requireUser(id: number): SimUser {
    const user = this.users.get(id);
    if (user === undefined) throw new Error(`fake-telegram: unknown user ${id}`);
    return user;
  }

  setUserState(id: number, state: UserState): void {
    this.requireUser(id).state = state;
  }

  // --- chats

  addChat(input: SimChatInput): SimChat {
    if (input.id >= 0) throw new Error("fake-telegram: group and channel ids are negative");
    const chat: SimChat = compact({ ...input, botIsAdmin: input.botIsAdmin ?? true });
    this.chats.set(chat.id, chat);
    return chat;
  }

  chat(id: number): SimChat | undefined {
    return this.chats.get(id);
  }

  allChats(): SimChat[] {
    return [...this.chats.values()];
  }

  /** A group or channel by id or "@username". */
  findChat(ref: number | string): SimChat | undefined {
    if (typeof ref === "number") return this.chats.get(ref);
    const name = ref.replace(/^@/, "").toLowerCase();
    return [...this.chats.values()].find((c) => c.username?.toLowerCase() === name);
  }

  requireGroupChat(ref: number | string): SimChat {
    const chat = this.findChat(ref);
    if (chat === undefined) throw badRequest("chat not found");
    return chat;
  }

  groupChat(chat: SimChat): Chat.GroupChat | Chat.SupergroupChat | Chat.ChannelChat {
    if (chat.type === "group") return { id: chat.id, type: "group", title: chat.title };
    return compact({ id: chat.id, type: chat.type, title: chat.title, username: chat.username });
  }

  /** Numeric id of any chat the fake knows, reachable or not (sources of copies, deletions). */
  knownChatId(ref: number | string): number {
    if (typeof ref === "number" && ref > 0) {
      const user = this.users.get(ref);
      if (user === undefined || user.state === "deleted") throw badRequest("chat not found");
      return ref;
    }
    return this.requireGroupChat(ref).id;
  }

  /** The chat the bot wants to write to, or the error Telegram gives when it cannot. */
  reachableChat(ref: number | string): Chat {
    if (typeof ref === "number" && ref > 0) {
      const user = this.users.get(ref);
      if (user === undefined || user.state === "deleted") throw badRequest("chat not found");
      if (user.state === "blocked") throw forbidden("bot was blocked by the user");
      if (user.state === "deactivated") throw forbidden("user is deactivated");
      return privateChat(user);
    }
    const chat = this.requireGroupChat(ref);
    if (chat.type === "channel" && !chat.botIsAdmin)
      throw badRequest("need administrator rights in the channel chat");
    return this.groupChat(chat);
  }

  // --- memberships

  setMembership(chatId: number, userId: number, status: MemberStatus): void {
    if (!this.chats.has(chatId)) throw new Error(`fake-telegram: unknown chat ${chatId}`);
    let members = this.memberships.get(chatId);
    if (members === undefined) {
      members = new Map();
      this.memberships.set(chatId, members);
    }
    members.set(userId, status);
  }

  memberStatus(chat: SimChat, userId: number): MemberStatus {
    if (userId === this.botInfo.id)
      return chat.botIsAdmin ? "administrator" : chat.type === "channel" ? "left" : "member";
    return this.memberships.get(chat.id)?.get(userId) ?? "left";
  }

  chatMember(chat: SimChat, userId: number): ChatMember {
    const user = userId === this.botInfo.id ? this.botUser : this.users.get(userId);
    if (user === undefined) throw badRequest("user not found");
    return memberObject("is_bot" in user ? user : toUser(user), this.memberStatus(chat, userId));
  }

  /** Ids of everyone with a recorded status in the chat, the bot included. */
  memberIds(chat: SimChat): number[] {
    return [this.botInfo.id, ...(this.memberships.get(chat.id)?.keys() ?? [])];
  }

  // --- messages

  message(chatId: number, messageId: number): TranscriptMessage | undefined {
    return this.transcripts.get(chatId)?.get(messageId);
  }

  transcript(chatId: number): TranscriptMessage[] {
    return [...(this.transcripts.get(chatId)?.values() ?? [])];
  }

  store(entry: TranscriptMessage): void {
    let chat = this.transcripts.get(entry.chat_id);
    if (chat === undefined) {
      chat = new Map();
      this.transcripts.set(entry.chat_id, chat);
    }
    chat.set(entry.message_id, entry);
    this.changed(entry.chat_id);
  }

  remove(chatId: number, messageId: number): boolean {
    const removed = this.transcripts.get(chatId)?.delete(messageId) ?? false;
    if (removed) this.changed(chatId);
    return removed;
  }

  /** Listens to changes of any chat's messages; returns a function that stops listening. */
  onChange(listener: (chatId: number) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(chatId: number): void {
    for (const listener of this.changeListeners) listener(chatId);
  }

  /** Message ids are per chat and shared by both sides, as in Telegram private chats. */
  nextMessageId(chatId: number): number {
    const id = (this.lastMessageIds.get(chatId) ?? 0) + 1;
    this.lastMessageIds.set(chatId, id);
    return id;
  }

  postFromBot(
    chat: Chat,
    content: MessageContent,
    extra: { markup?: unknown; params: Params; fields?: Partial<Message> },
  ): TranscriptMessage {
    const sender = chat.type === "channel" ? { sender_chat: chat } : { from: this.botUser };
    const message: Message = compact({
      message_id: this.nextMessageId(chat.id),
      ...sender,
      chat,
      date: this.seconds(),
      ...extra.fields,
      ...content,
      reply_markup: inlineMarkupOf(extra.markup),
    });
    const entry = describe(message, "bot", { markup: extra.markup, params: extra.params });
    this.store(entry);
    return entry;
  }

  postFromUser(
    user: SimUser,
    content: MessageContent,
    fields: Partial<Message> = {},
  ): Message & { chat: Chat.PrivateChat; from: User } {
    const message = {
      message_id: this.nextMessageId(user.id),
      date: this.seconds(),
      ...fields,
      ...content,
      from: toUser(user),
      chat: privateChat(user),
    };
    this.store(describe(message, "user"));
    return message;
  }

  // --- files

  addFile(input: AddFileInput): FileRecord {
    this.fileCount += 1;
    const n = this.fileCount;
    const kind = input.kind ?? "document";
    const [dir, defaultExt] = FILE_DIRS[kind];
    const ext = /\.([A-Za-z0-9]{1,8})$/.exec(input.file_name ?? "")?.[1] ?? defaultExt;
    const bytes = typeof input.content === "string" ? new TextEncoder().encode(input.content) : input.content;
    const file: FileRecord = compact({
      kind,
      file_id: `fake-${kind}-${n}`,
      file_unique_id: `fake-unique-${n}`,
      file_path: `${dir}/file_${n}.${ext}`,
      size: input.size ?? bytes?.byteLength ?? 0,
      file_name: input.file_name,
      mime_type: input.mime_type,
      bytes,
      width: input.width,
      height: input.height,
    });
    this.files.set(file.file_id, file);
    this.filesByPath.set(file.file_path, file);
    return file;
  }

  file(fileId: string): FileRecord | undefined {
    return this.files.get(fileId);
  }

  fileByPath(path: string): FileRecord | undefined {
    return this.filesByPath.get(path);
  }

  setProfilePhotos(userId: number, count: number): void {
    this.requireUser(userId);
    const photos = Array.from({ length: count }, () => this.addFile({ kind: "photo", content: "jpeg" }));
    this.profilePhotos.set(userId, photos);
  }

  profilePhotosOf(userId: number): FileRecord[] {
    return this.profilePhotos.get(userId) ?? [];
  }
}
