import { setTimeout as sleep } from "node:timers/promises";
import type { MessageEntity, Poll, Update } from "grammy/types";
import type { FakeTelegram } from "./index.js";
import { isRecord, optBool, optString } from "./params.js";
import type { SimChat, SimUser, TranscriptMessage } from "./types.js";

/** One button of an inline keyboard as the page draws it. */
export interface InlineButtonCell {
  text: string;
  data?: string;
  url?: string;
}

/** One button of a reply keyboard; `contact` buttons share the user's own phone number. */
export interface ReplyButtonCell {
  text: string;
  contact: boolean;
}

/** A message as the page draws it: plain JSON, entities kept for the page to format. */
export interface MessageView {
  id: number;
  from: "bot" | "user";
  kind: TranscriptMessage["kind"];
  text?: string;
  entities?: MessageEntity[];
  edited: boolean;
  /** e.g. "photo", "document report.csv", "contact +1 555 0100": what a placeholder shows. */
  media?: string;
  inline: InlineButtonCell[][];
  poll?: { id: string; question: string; options: string[]; anonymous: boolean; voted: number[] | null };
}

export interface ChatView {
  user: SimUser;
  messages: MessageView[];
  /** The reply keyboard the bot last set in this chat; null once removed or never set. */
  keyboard: { rows: ReplyButtonCell[][]; placeholder?: string } | null;
}

/** What a person can do in the page, each turned into the update Telegram would send. */
export type UserAction =
  | { type: "text"; text: string }
  | { type: "press"; messageId: number; data: string }
  | { type: "contact" }
  | { type: "vote"; pollId: string; optionIds: number[] }
  | { type: "join"; chatId: number };

/** What the bot answered to a button press: a toast, or an alert the person must dismiss. */
export interface CallbackAnswer {
  text: string;
  alert: boolean;
}

/** The reply keyboard a bot message sets: a keyboard, a removal (null), or no change (undefined). */
function replyKeyboardOf(markup: unknown): ChatView["keyboard"] | undefined {
  if (!isRecord(markup)) return undefined;
  if (markup.remove_keyboard === true) return null;
  if (!Array.isArray(markup.keyboard)) return undefined;
  const rows = markup.keyboard.map((row: unknown) =>
    (Array.isArray(row) ? row : []).map((button: unknown): ReplyButtonCell => {
      if (typeof button === "string") return { text: button, contact: false };
      const record = isRecord(button) ? button : {};
      return { text: String(record.text ?? ""), contact: record.request_contact === true };
    }),
  );
  const placeholder = markup.input_field_placeholder;
  return typeof placeholder === "string" ? { rows, placeholder } : { rows };
}

function inlineRows(markup: unknown): InlineButtonCell[][] {
  if (!isRecord(markup) || !Array.isArray(markup.inline_keyboard)) return [];
  return markup.inline_keyboard.map((row: unknown) =>
    (Array.isArray(row) ? row : []).filter(isRecord).map((button) => ({
      text: String(button.text ?? ""),
      ...(typeof button.callback_data === "string" && { data: button.callback_data }),
      ...(typeof button.url === "string" && { url: button.url }),
    })),
  );
}

function mediaLabel(entry: TranscriptMessage): string | undefined {
  const m = entry.message;
  if (m.document !== undefined && m.animation === undefined)
    return `document ${m.document.file_name ?? ""}`.trim();
  if (m.contact !== undefined) return `contact ${m.contact.phone_number}`;
  if (entry.kind === "text" || entry.kind === "poll") return undefined;
  return entry.kind;
}

/**
 * The fake's private chats as a browser shows them, and a person's clicks and typing turned into
 * updates for the bot: the playground's page is a thin drawing of this.
 */
export class BrowserChats {
  /** Per chat: the newest bot message id that set or removed a reply keyboard, and what it set. */
  private readonly keyboards = new Map<number, { messageId: number; keyboard: ChatView["keyboard"] }>();
  private readonly votes = new Map<string, number[]>();
  private readonly stopListening: () => void;

  constructor(private readonly fake: FakeTelegram) {
    // A keyboard outlives its message (the bot may delete it), so it is followed as messages arrive.
    this.stopListening = fake.onChatChange((chatId) => this.followKeyboard(chatId));
  }

  users(): SimUser[] {
    return this.fake.users();
  }

  chats(): SimChat[] {
    return this.fake.chats();
  }

  addUser(firstName: string): SimUser {
    return this.fake.addUser({ first_name: firstName, language_code: "en" });
  }

  view(userId: number): ChatView {
    const user = this.requireUser(userId);
    const messages = this.fake.transcript(userId).map((entry) => this.messageView(entry, userId));
    return { user, messages, keyboard: this.keyboards.get(userId)?.keyboard ?? null };
  }

  /** Does what the person did in the page, as an update queued for the bot's long poll. */
  act(userId: number, action: UserAction): Update {
    const update = this.updateFor(this.requireUser(userId), action);
    this.fake.enqueue(update);
    return update;
  }

  /**
   * The bot's answer to a button press once it comes (undefined if it has no text, or none came in
   * time): Telegram shows it over the chat, so the page needs it apart from the messages.
   */
  async callbackAnswer(update: Update, timeoutMs = 5000): Promise<CallbackAnswer | undefined> {
    const id = update.callback_query?.id;
    if (id === undefined) return undefined;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const call = this.fake.calls.findLast(
        (c) => c.method === "answerCallbackQuery" && c.params.callback_query_id === id,
      );
      if (call !== undefined) {
        const text = optString(call.params, "text") ?? "";
        return text === "" ? undefined : { text, alert: optBool(call.params, "show_alert") === true };
      }
      await sleep(25);
    }
    return undefined;
  }

  close(): void {
    this.stopListening();
  }

  private updateFor(user: SimUser, action: UserAction): Update {
    const updates = this.fake.updates;
    switch (action.type) {
      case "text":
        return updates.text(user, action.text);
      case "press":
        return updates.callback(user, { message_id: action.messageId, data: action.data });
      case "contact":
        return updates.contact(user, phoneOf(user));
      case "vote":
        this.votes.set(`${user.id}:${action.pollId}`, action.optionIds);
        return updates.pollAnswer(user, action.pollId, action.optionIds);
      case "join":
        return updates.chatMember(action.chatId, user, "member");
    }
  }

  private followKeyboard(chatId: number): void {
    const known = this.keyboards.get(chatId);
    for (const entry of this.fake.messagesTo(chatId)) {
      if (known !== undefined && entry.message_id <= known.messageId) continue;
      const keyboard = replyKeyboardOf(entry.reply_markup);
      if (keyboard !== undefined) this.keyboards.set(chatId, { messageId: entry.message_id, keyboard });
    }
  }

  private messageView(entry: TranscriptMessage, userId: number): MessageView {
    const m = entry.message;
    const text = m.text ?? m.caption;
    const entities = m.entities ?? m.caption_entities;
    const media = mediaLabel(entry);
    return {
      id: entry.message_id,
      from: entry.sender,
      kind: entry.kind,
      ...(text !== undefined && { text }),
      ...(entities !== undefined && { entities }),
      edited: entry.edited,
      ...(media !== undefined && { media }),
      inline: inlineRows(entry.reply_markup),
      ...(m.poll !== undefined && { poll: this.pollView(m.poll, userId) }),
    };
  }

  private pollView(poll: Poll, userId: number): NonNullable<MessageView["poll"]> {
    return {
      id: poll.id,
      question: poll.question,
      options: poll.options.map((o) => o.text),
      anonymous: poll.is_anonymous,
      voted: this.votes.get(`${userId}:${poll.id}`) ?? null,
    };
  }

  private requireUser(userId: number): SimUser {
    const user = this.fake.user(userId);
    if (user === undefined) throw new Error(`fake-telegram: unknown user ${userId}`);
    return user;
  }
}

/** A made-up phone number, the same for a user every time. */
export function phoneOf(user: SimUser): string {
  return `+1555${String(user.id).slice(-7).padStart(7, "0")}`;
}
