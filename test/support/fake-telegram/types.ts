import type { Message, ResponseParameters, UserFromGetMe } from "grammy/types";
import type { WebhookOptions } from "./webhook.js";

/** Parameters of one Bot API call, as decoded from JSON, form or multipart bodies. */
export type Params = Record<string, unknown>;

export interface ApiErrorShape {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & ApiErrorShape);

export interface CallRecord {
  method: string;
  params: Params;
  /** Clock time (ms) when the server answered the call (the answer then travels back half the latency). */
  at: number;
  /** Clock time (ms) when the call arrived, before any latency: the moment the bot sent it. */
  receivedAt: number;
  ok: boolean;
  result?: unknown;
  error?: ApiErrorShape;
}

/** A file the bot uploaded through multipart/form-data. */
export interface UploadedFile {
  filename: string;
  size: number;
  bytes: Uint8Array;
  content_type?: string;
}

export type FileKind = "photo" | "document" | "video" | "audio" | "voice" | "sticker" | "animation";

export interface FileRecord {
  kind: FileKind;
  file_id: string;
  file_unique_id: string;
  file_path: string;
  size: number;
  file_name?: string;
  mime_type?: string;
  /** Absent for files "sent by URL": they can be described but not downloaded. */
  bytes?: Uint8Array;
  /** A photo's size in pixels, when read from its upload. */
  width?: number;
  height?: number;
}

export interface AddFileInput {
  kind?: FileKind;
  content?: Uint8Array | string;
  file_name?: string;
  mime_type?: string;
  /** Reported size; defaults to the content length (set it high to simulate "file is too big"). */
  size?: number;
  /** A photo's size in pixels (800×600 when not given). */
  width?: number;
  height?: number;
}

export type UserState = "active" | "blocked" | "deactivated" | "deleted";

export interface SimUserInput {
  id?: number;
  /** May be "" or invisible characters, to exercise name fallbacks. */
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: boolean;
  state?: UserState;
}

export interface SimUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: boolean;
  state: UserState;
}

/** Anything that names a chat: a numeric id or an object with one (e.g. a SimUser). */
export type ChatRef = number | { id: number };

export type GroupChatType = "channel" | "supergroup" | "group";

export interface SimChatInput {
  id: number;
  type: GroupChatType;
  title: string;
  username?: string;
  /** Default true. A channel whose admin list lacks the bot hides its member list. */
  botIsAdmin?: boolean;
  inviteLink?: string;
}

export interface SimChat {
  id: number;
  type: GroupChatType;
  title: string;
  username?: string;
  botIsAdmin: boolean;
  inviteLink?: string;
}

export type MemberStatus =
  | "creator"
  | "administrator"
  | "member"
  | "restricted"
  | "left"
  | "kicked"
  | { status: "restricted"; is_member: boolean };

export type ContentKind =
  | "text"
  | "photo"
  | "document"
  | "video"
  | "audio"
  | "voice"
  | "sticker"
  | "animation"
  | "contact"
  | "poll"
  | "other";

/** One message of a chat as the fake knows it now (edits applied). */
export interface TranscriptMessage {
  message_id: number;
  chat_id: number;
  sender: "bot" | "user";
  kind: ContentKind;
  text?: string;
  caption?: string;
  /** The markup as the bot sent it: inline, reply keyboard, remove or force reply. */
  reply_markup?: unknown;
  /** The Message object Telegram would return (only inline keyboards appear in it). */
  message: Message;
  /** Parameters of the bot's latest send or edit of this message. */
  params?: Params;
  edited: boolean;
}

export interface InlineButtonView {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface FloodConfig {
  globalPerSecond: number;
  /** Default 1, Telegram's advice for one private chat. */
  perChatPerSecond?: number;
}

/** A call's round trip (ms), half on the way to the server and half back; a function draws one per call. */
export type Latency = number | (() => number);

export interface FakeTelegramOptions {
  token?: string;
  botInfo?: Partial<UserFromGetMe>;
  latencyMs?: Latency;
  flood?: FloodConfig;
  /** Clock for flood buckets, message dates and call timestamps (ms). Default Date.now. */
  now?: () => number;
  /** Retry backoff and timeout of webhook POSTs. */
  webhook?: WebhookOptions;
}

export type FailurePredicate = (method: string, params: Params) => ApiErrorShape | undefined;

export type DropPredicate = (method: string, params: Params) => boolean;
