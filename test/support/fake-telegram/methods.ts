import type {
  ChatFullInfo,
  ChatInviteLink,
  Message,
  MessageEntity,
  MessageId,
  MessageOrigin,
  File as TelegramFile,
  UserProfilePhotos,
  WebhookInfo,
} from "grammy/types";
import { ApiError, badRequest } from "./errors.js";
import type { AbortSignalLike, UpdatePolling } from "./long-poll.js";
import {
  compact,
  describe,
  inlineMarkupOf,
  type MessageContent,
  mediaContent,
  photoSize,
  pickContent,
  withoutContent,
} from "./messages.js";
import {
  chatIdParam,
  isRecord,
  isUploadedFile,
  optArray,
  optBool,
  optInt,
  optRecord,
  optString,
  reqInt,
} from "./params.js";
import { formatText } from "./parse-mode.js";
import { checkUploadedPhoto } from "./photos.js";
import { pollFromParams } from "./polls.js";
import type { FileKind, FileRecord, Params, SimChat, TranscriptMessage } from "./types.js";
import type { WebhookPusher } from "./webhook.js";
import { privateChat, type World } from "./world.js";

export type MethodHandler = (params: Params, signal?: AbortSignalLike) => unknown;

/** Methods that count against Telegram's sending limits. */
export const isSendingMethod = (method: string): boolean =>
  /^(send\w+|copyMessages?|forwardMessages?)$/i.test(method);

/** Sending methods that put something in the chat (a chat action does not). */
export const isDeliveringMethod = (method: string): boolean =>
  isSendingMethod(method) && method.toLowerCase() !== "sendchataction";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

const MIME_BY_EXT: Record<string, string> = {
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  zip: "application/zip",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  mp4: "video/mp4",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
};

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

const ALBUM_KINDS = new Set<string>(["photo", "video", "document", "audio"]);
const EDITABLE_MEDIA = new Set<string>(["photo", "video", "document", "audio", "animation"]);

const FULL_INFO_DEFAULTS = {
  accent_color_id: 0,
  max_reaction_count: 11,
  accepted_gift_types: {
    unlimited_gifts: true,
    limited_gifts: true,
    unique_gifts: true,
    premium_subscription: true,
    gifts_from_channels: true,
  },
};

const title = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1);

function entitiesParam(params: Params, key: string): MessageEntity[] | undefined {
  const list = optArray(params, key);
  if (list === undefined) return undefined;
  const valid = list.every(
    (e) =>
      isRecord(e) &&
      typeof e.type === "string" &&
      typeof e.offset === "number" &&
      typeof e.length === "number",
  );
  if (!valid) throw badRequest("can't parse entities JSON object");
  return list as MessageEntity[];
}

function textContent(params: Params): MessageContent {
  const formatted = formatText(
    optString(params, "text") ?? "",
    optString(params, "parse_mode"),
    entitiesParam(params, "entities"),
  );
  if (formatted.text.trim() === "") throw badRequest("message text is empty");
  if (formatted.text.length > 4096) throw badRequest("message is too long");
  return compact({
    text: formatted.text,
    entities: formatted.entities.length > 0 ? formatted.entities : undefined,
  });
}

function captionContent(params: Params): MessageContent {
  const raw = optString(params, "caption");
  if (raw === undefined) return {};
  const formatted = formatText(
    raw,
    optString(params, "parse_mode"),
    entitiesParam(params, "caption_entities"),
  );
  if (formatted.text.length > 1024) throw badRequest("message caption is too long");
  return compact({
    caption: formatted.text === "" ? undefined : formatted.text,
    caption_entities: formatted.entities.length > 0 ? formatted.entities : undefined,
  });
}

function validateInlineKeyboard(rows: unknown): void {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  for (const button of (rows as unknown[][]).flat()) {
    if (!isRecord(button) || typeof button.text !== "string") {
      throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
    }
    const actions = Object.keys(button).filter((k) => !["text", "style", "icon_custom_emoji_id"].includes(k));
    if (actions.length === 0) {
      throw badRequest(
        "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
      );
    }
    const data = button.callback_data;
    if (data !== undefined) {
      const bytes = typeof data === "string" ? Buffer.byteLength(data) : 0;
      if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
    }
    if (button.web_app !== undefined) webAppUrl(button.web_app, "inline keyboard button");
    const url = button.url;
    if (
      url !== undefined &&
      !(typeof url === "string" && /^((https?|tg):\/\/\S+|[\w-]+(\.[\w-]+)+(\/\S*)?)$/i.test(url))
    ) {
      throw badRequest(`inline keyboard button URL '${String(url)}' is invalid: Wrong HTTP URL`);
    }
  }
}

/** A web app's `{ url }`: Telegram opens web apps over HTTPS only. */
function webAppUrl(webApp: unknown, where: string): string {
  const url = isRecord(webApp) ? webApp.url : undefined;
  if (typeof url !== "string" || !/^https:\/\/[^\s/]+\.[^\s/]+(\/\S*)?$/i.test(url)) {
    throw badRequest(`${where} Web App URL '${String(url)}' is invalid: Only HTTPS links are allowed`);
  }
  return url;
}

/** Web app buttons work in private chats alone; in a group or channel Telegram refuses the message. */
function refuseWebAppOutsidePrivate(params: Params, markup: Record<string, unknown>): void {
  const rows = markup.inline_keyboard as unknown[][];
  const hasWebApp = rows.flat().some((button) => isRecord(button) && button.web_app !== undefined);
  const chat = params.chat_id;
  const isPrivate = typeof chat === "number" ? chat > 0 : /^\d+$/.test(String(chat ?? "1"));
  if (hasWebApp && !isPrivate) throw badRequest("BUTTON_TYPE_INVALID");
}

/** editMessageMedia's `media`: an object (request-body.ts decodes a multipart field's JSON). */
function mediaParam(params: Params): Record<string, unknown> {
  const media = optRecord(params, "media");
  if (media === undefined) throw badRequest("there is no media in the request");
  return media;
}

function markupParam(params: Params): Record<string, unknown> | undefined {
  const markup = optRecord(params, "reply_markup");
  if (markup !== undefined && "inline_keyboard" in markup) {
    validateInlineKeyboard(markup.inline_keyboard);
    refuseWebAppOutsidePrivate(params, markup);
  }
  return markup;
}

function messageIdsParam(params: Params): number[] {
  const ids = optArray(params, "message_ids");
  if (ids === undefined || ids.length === 0) throw badRequest("message_ids is empty");
  return ids.map((id) => {
    if (typeof id === "number" && Number.isInteger(id)) return id;
    if (typeof id === "string" && /^\d+$/.test(id)) return Number(id);
    throw badRequest('field "message_ids" must be an Array of Integer');
  });
}

/** Builds the Bot API method table over the fake's world. Keys are lower-case: Telegram ignores case. */
export function createMethods(
  world: World,
  polling: UpdatePolling,
  webhook: WebhookPusher,
): Map<string, MethodHandler> {
  let mediaGroups = 0;
  let inviteLinks = 0;
  const commands = new Map<string, unknown[]>();
  const menuButtons = new Map<string, unknown>();

  function resolveFile(value: unknown, kind: FileKind, field: string): FileRecord {
    if (isUploadedFile(value)) {
      const ext = /\.([A-Za-z0-9]+)$/.exec(value.filename)?.[1]?.toLowerCase();
      const declared = value.content_type === "application/octet-stream" ? undefined : value.content_type;
      const named = kind !== "photo";
      const dimensions = kind === "photo" ? checkUploadedPhoto(value.bytes) : undefined;
      return world.addFile(
        compact({
          kind,
          ...dimensions,
          content: value.bytes,
          file_name: named ? value.filename : undefined,
          mime_type: named ? (declared ?? (ext === undefined ? undefined : MIME_BY_EXT[ext])) : undefined,
        }),
      );
    }
    if (typeof value === "string" && value !== "") {
      const known = world.file(value);
      if (known !== undefined) {
        if (known.kind !== kind)
          throw badRequest(`can't use file of type ${title(known.kind)} as ${title(kind)}`);
        return known;
      }
      if (/^https?:\/\//i.test(value) && URL.canParse(value)) {
        const name = new URL(value).pathname.split("/").pop();
        return world.addFile(compact({ kind, file_name: name === "" ? undefined : name }));
      }
      throw badRequest("wrong file identifier/HTTP URL specified");
    }
    throw badRequest(`there is no ${field} in the request`);
  }

  function replyFields(chatId: number, params: Params): Partial<Message> {
    const parameters = optRecord(params, "reply_parameters");
    const messageId =
      parameters === undefined ? optInt(params, "reply_to_message_id") : optInt(parameters, "message_id");
    if (messageId === undefined) return {};
    const target = world.message(chatId, messageId);
    if (target === undefined) {
      if (optBool(parameters ?? params, "allow_sending_without_reply")) return {};
      throw badRequest("message to be replied not found");
    }
    return { reply_to_message: { ...target.message, reply_to_message: undefined } };
  }

  /** Validates content first and reachability second, then records the bot's message. */
  function send(
    params: Params,
    build: () => MessageContent,
    fields: Partial<Message> = {},
  ): TranscriptMessage {
    const ref = chatIdParam(params);
    const content = build();
    const markup = markupParam(params);
    const chat = world.reachableChat(ref);
    return world.postFromBot(chat, content, {
      markup,
      params,
      fields: { ...fields, ...replyFields(chat.id, params) },
    });
  }

  const sendMedia =
    (kind: FileKind): MethodHandler =>
    (params) =>
      send(params, () => ({
        ...mediaContent(resolveFile(params[kind], kind, kind)),
        ...(kind === "sticker" ? {} : captionContent(params)),
      })).message;

  function sourceMessage(params: Params, missing: string): TranscriptMessage {
    const from = world.knownChatId(chatIdParam(params, "from_chat_id"));
    const source = world.message(from, reqInt(params, "message_id"));
    if (source === undefined) throw badRequest(missing);
    return source;
  }

  function sourceMessages(params: Params, missing: string): TranscriptMessage[] {
    const from = world.knownChatId(chatIdParam(params, "from_chat_id"));
    const sources = messageIdsParam(params).flatMap((id) => world.message(from, id) ?? []);
    if (sources.length === 0) throw badRequest(missing);
    return sources;
  }

  function copiedContent(source: TranscriptMessage, params: Params): MessageContent {
    const content = copiedPoll(pickContent(source.message));
    if (content.text !== undefined || optString(params, "caption") === undefined) return content;
    const { caption: _caption, caption_entities: _entities, ...media } = content;
    return { ...media, ...captionContent(params) };
  }

  /** A copied poll is a new poll, with an id of its own (a forwarded one stays the same poll). */
  function copiedPoll(content: MessageContent): MessageContent {
    return content.poll ? { ...content, poll: { ...content.poll, id: world.pollIds.next() } } : content;
  }

  function originOf(source: TranscriptMessage): MessageOrigin {
    const { message } = source;
    if (message.forward_origin !== undefined) return message.forward_origin;
    if (message.chat.type === "channel") {
      return { type: "channel", chat: message.chat, message_id: message.message_id, date: message.date };
    }
    return { type: "user", sender_user: message.from ?? world.botUser, date: message.date };
  }

  function editable(params: Params): TranscriptMessage {
    if (params.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
    const chat = world.reachableChat(chatIdParam(params));
    const entry = world.message(chat.id, reqInt(params, "message_id"));
    if (entry === undefined) throw badRequest("message to edit not found");
    if (entry.sender !== "bot") throw badRequest("message can't be edited");
    return entry;
  }

  function applyEdit(entry: TranscriptMessage, changes: MessageContent, params: Params): Message {
    const markup = markupParam(params);
    const updated: Message = compact({
      ...entry.message,
      ...changes,
      reply_markup: inlineMarkupOf(markup),
      edit_date: world.seconds(),
    });
    const visible = (m: Message) =>
      JSON.stringify([m.text, m.entities, m.caption, m.caption_entities, m.reply_markup ?? null]);
    if (visible(updated) === visible(entry.message)) throw badRequest(NOT_MODIFIED);
    world.store(describe(updated, "bot", { markup, params, edited: true }));
    return updated;
  }

  function memberList(params: Params): SimChat {
    const chat = world.requireGroupChat(chatIdParam(params));
    if (chat.type === "channel" && !chat.botIsAdmin) throw badRequest("member list is inaccessible");
    return chat;
  }

  function manageable(params: Params): SimChat {
    const chat = world.requireGroupChat(chatIdParam(params));
    if (!chat.botIsAdmin) throw badRequest("not enough rights to manage chat invite link");
    return chat;
  }

  const commandsKey = (params: Params) =>
    `${JSON.stringify(optRecord(params, "scope") ?? { type: "default" })}|${optString(params, "language_code") ?? ""}`;

  const handlers: Record<string, MethodHandler> = {
    getMe: () => world.botInfo,
    logOut: () => true,
    close: () => true,

    // --- updates
    getUpdates: (params, signal) => {
      if (webhook.isSet) {
        throw new ApiError(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      }
      return polling.getUpdates(params, signal);
    },
    setWebhook: (params) => {
      if (optBool(params, "drop_pending_updates")) polling.dropPending();
      webhook.set(params);
      return true;
    },
    deleteWebhook: (params) => {
      webhook.delete();
      if (optBool(params, "drop_pending_updates")) polling.dropPending();
      return true;
    },
    getWebhookInfo: (): WebhookInfo => webhook.info(),

    // --- sending
    sendMessage: (params) => send(params, () => textContent(params)).message,
    sendPhoto: sendMedia("photo"),
    sendDocument: sendMedia("document"),
    sendVideo: sendMedia("video"),
    sendAudio: sendMedia("audio"),
    sendVoice: sendMedia("voice"),
    sendSticker: sendMedia("sticker"),
    sendAnimation: sendMedia("animation"),
    sendMediaGroup: (params) => {
      const media = optArray(params, "media") ?? [];
      if (media.length < 2 || media.length > 10) throw badRequest("media must contain 2-10 items");
      const contents = media.map((item): MessageContent => {
        if (!isRecord(item) || typeof item.type !== "string" || !ALBUM_KINDS.has(item.type)) {
          throw badRequest("can't parse InputMedia: unsupported media type");
        }
        const kind = item.type as FileKind;
        return { ...mediaContent(resolveFile(item.media, kind, "media")), ...captionContent(item) };
      });
      const chat = world.reachableChat(chatIdParam(params));
      mediaGroups += 1;
      const fields = {
        ...replyFields(chat.id, params),
        media_group_id: String(13_000_000_000 + mediaGroups),
      };
      return contents.map((content) => world.postFromBot(chat, content, { params, fields }).message);
    },
    sendPoll: (params) =>
      send(params, () => ({ poll: pollFromParams(params, world.pollIds.next()) })).message,
    sendChatAction: (params) => {
      world.reachableChat(chatIdParam(params));
      if (!CHAT_ACTIONS.has(optString(params, "action") ?? ""))
        throw badRequest("wrong parameter action in request");
      return true;
    },
    copyMessage: (params): MessageId => {
      const source = sourceMessage(params, "message to copy not found");
      return { message_id: send(params, () => copiedContent(source, params)).message_id };
    },
    copyMessages: (params): MessageId[] =>
      sourceMessages(params, "message to copy not found").map((source) => ({
        message_id: send(params, () => copiedPoll(pickContent(source.message))).message_id,
      })),
    forwardMessage: (params) => {
      const source = sourceMessage(params, "message to forward not found");
      return send(params, () => pickContent(source.message), { forward_origin: originOf(source) }).message;
    },
    forwardMessages: (params): MessageId[] =>
      sourceMessages(params, "message to forward not found").map((source) => ({
        message_id: send(params, () => pickContent(source.message), {
          forward_origin: originOf(source),
        }).message_id,
      })),

    // --- editing
    editMessageText: (params) => {
      const entry = editable(params);
      if (entry.kind !== "text") throw badRequest("there is no text in the message to edit");
      const { text, entities } = textContent(params);
      return applyEdit(entry, { text, entities }, params);
    },
    editMessageCaption: (params) => {
      const entry = editable(params);
      if (entry.kind === "text") throw badRequest("there is no caption in the message to edit");
      const { caption, caption_entities } = captionContent(params);
      return applyEdit(entry, { caption, caption_entities }, params);
    },
    // Since Bot API 9 a text message may be edited into a media one too; an album's part may not.
    editMessageMedia: (params) => {
      const entry = editable(params);
      const media = mediaParam(params);
      const kind = media.type;
      if (typeof kind !== "string" || !EDITABLE_MEDIA.has(kind)) throw badRequest("MEDIA_TYPE_INVALID");
      const ref = media.media;
      const value = typeof ref === "string" && ref.startsWith("attach://") ? params[ref.slice(9)] : ref;
      const content = {
        ...mediaContent(resolveFile(value, kind as FileKind, "media")),
        ...captionContent(media),
      };
      const markup = markupParam(params);
      const updated: Message = compact({
        ...withoutContent(entry.message),
        ...content,
        reply_markup: inlineMarkupOf(markup),
        edit_date: world.seconds(),
      });
      const visible = (m: Message) =>
        JSON.stringify([m.photo?.at(-1)?.file_unique_id, m.caption, m.text, m.reply_markup ?? null]);
      if (visible(updated) === visible(entry.message)) throw badRequest(NOT_MODIFIED);
      world.store(describe(updated, "bot", { markup, params, edited: true }));
      return updated;
    },
    editMessageReplyMarkup: (params) => applyEdit(editable(params), {}, params),
    deleteMessage: (params) => {
      const chatId = world.knownChatId(chatIdParam(params));
      if (!world.remove(chatId, reqInt(params, "message_id")))
        throw badRequest("message to delete not found");
      return true;
    },
    deleteMessages: (params) => {
      const chatId = world.knownChatId(chatIdParam(params));
      for (const id of messageIdsParam(params)) world.remove(chatId, id);
      return true;
    },
    pinChatMessage: (params) => {
      const chat = world.reachableChat(chatIdParam(params));
      if (world.message(chat.id, reqInt(params, "message_id")) === undefined) {
        throw badRequest("message to pin not found");
      }
      return true;
    },
    unpinChatMessage: () => true,
    unpinAllChatMessages: () => true,

    // --- interaction
    answerCallbackQuery: (params) => {
      const id = optString(params, "callback_query_id") ?? "";
      if (world.callbackQueries.get(id) !== false) {
        throw badRequest("query is too old and response timeout expired or query ID is invalid");
      }
      world.callbackQueries.set(id, true);
      return true;
    },

    // --- bot settings
    setMyCommands: (params) => {
      const list = optArray(params, "commands");
      if (list === undefined) throw badRequest("commands is empty");
      for (const command of list) {
        if (
          !isRecord(command) ||
          typeof command.command !== "string" ||
          !/^[a-z0-9_]{1,32}$/.test(command.command)
        ) {
          throw badRequest("BOT_COMMAND_INVALID");
        }
      }
      commands.set(commandsKey(params), list);
      return true;
    },
    getMyCommands: (params) => commands.get(commandsKey(params)) ?? [],
    deleteMyCommands: (params) => {
      commands.delete(commandsKey(params));
      return true;
    },
    setChatMenuButton: (params) => {
      // A user's chat with the bot exists once they have started it.
      if (params.chat_id !== undefined) world.reachableChat(chatIdParam(params));
      const button = optRecord(params, "menu_button") ?? { type: "default" };
      if (button.type === "web_app") {
        if (typeof button.text !== "string" || button.text.trim() === "") throw badRequest("text is empty");
        webAppUrl(button.web_app, "menu button");
      } else if (button.type !== "default" && button.type !== "commands") {
        throw badRequest("unsupported menu button type");
      }
      menuButtons.set(String(params.chat_id ?? "default"), button);
      return true;
    },
    getChatMenuButton: (params) =>
      menuButtons.get(String(params.chat_id ?? "default")) ??
      menuButtons.get("default") ?? { type: "default" },
    setMyDescription: () => true,
    setMyShortDescription: () => true,
    setMyName: () => true,

    // --- people, chats and files
    getUserProfilePhotos: (params): UserProfilePhotos => {
      const userId = reqInt(params, "user_id");
      if (world.user(userId) === undefined) throw badRequest("user not found");
      const photos = world.profilePhotosOf(userId);
      const offset = optInt(params, "offset") ?? 0;
      const limit = Math.min(100, Math.max(1, optInt(params, "limit") ?? 100));
      return {
        total_count: photos.length,
        photos: photos.slice(offset, offset + limit).map((f) => [photoSize(f)]),
      };
    },
    getFile: (params): TelegramFile => {
      const file = world.file(optString(params, "file_id") ?? "");
      if (file === undefined) throw badRequest("invalid file_id");
      if (file.size > 20 * 1024 * 1024) throw badRequest("file is too big");
      return {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_size: file.size,
        file_path: file.file_path,
      };
    },
    getChat: (params): ChatFullInfo => {
      const ref = chatIdParam(params);
      if (typeof ref === "number" && ref > 0) {
        const user = world.user(ref);
        if (user === undefined || user.state === "deleted") throw badRequest("chat not found");
        return { ...privateChat(user), ...FULL_INFO_DEFAULTS };
      }
      const chat = world.requireGroupChat(ref);
      const link = chat.botIsAdmin ? chat.inviteLink : undefined;
      return compact({ ...world.groupChat(chat), ...FULL_INFO_DEFAULTS, invite_link: link }) as ChatFullInfo;
    },
    getChatMember: (params) => world.chatMember(memberList(params), reqInt(params, "user_id")),
    getChatAdministrators: (params) => {
      const chat = memberList(params);
      return world
        .memberIds(chat)
        .map((id) => world.chatMember(chat, id))
        .filter((m) => m.status === "creator" || m.status === "administrator");
    },
    getChatMemberCount: (params) => {
      const chat = memberList(params);
      return world
        .memberIds(chat)
        .map((id) => world.chatMember(chat, id))
        .filter((m) =>
          m.status === "restricted" ? m.is_member : m.status !== "left" && m.status !== "kicked",
        ).length;
    },
    exportChatInviteLink: (params) => {
      const chat = manageable(params);
      chat.inviteLink ??= `https://t.me/+fake${-chat.id}`;
      return chat.inviteLink;
    },
    createChatInviteLink: (params): ChatInviteLink => {
      const chat = manageable(params);
      inviteLinks += 1;
      return compact({
        invite_link: `https://t.me/+fake${-chat.id}_${inviteLinks}`,
        creator: world.botUser,
        creates_join_request: optBool(params, "creates_join_request"),
        is_primary: false,
        is_revoked: false,
        name: optString(params, "name"),
        expire_date: optInt(params, "expire_date"),
        member_limit: optInt(params, "member_limit"),
      });
    },
  };
  return new Map(Object.entries(handlers).map(([name, handler]) => [name.toLowerCase(), handler]));
}
