import type { MessageOrigin } from "grammy/types";

/** A chat as an admin named it, in a form getChat accepts. */
export type ChatReference = { kind: "id"; chatId: number } | { kind: "username"; username: string };

/** Why a message does not name a chat Usher can look up. */
export type ChatReferenceProblem =
  /** t.me/+… or t.me/joinchat/…: Telegram offers no way for a bot to resolve these. */
  | "private_invite"
  /** Forwarded from a person (or a hidden account), not from a channel or group. */
  | "forwarded_from_user"
  /** A positive id: a user's private chat, never a channel or group. */
  | "user_id"
  | "unrecognized";

export type ParsedChatReference =
  | { ok: true; reference: ChatReference }
  | { ok: false; problem: ChatReferenceProblem };

const username = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const telegramLink = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\/([^?#]*)(?:[?#].*)?$/i;

const found = (reference: ChatReference): ParsedChatReference => ({ ok: true, reference });
const problem = (reason: ChatReferenceProblem): ParsedChatReference => ({ ok: false, problem: reason });

function fromOrigin(origin: MessageOrigin): ParsedChatReference {
  switch (origin.type) {
    case "channel":
      return found({ kind: "id", chatId: origin.chat.id });
    case "chat":
      return found({ kind: "id", chatId: origin.sender_chat.id });
    default:
      return problem("forwarded_from_user");
  }
}

function fromNumber(digits: string): ParsedChatReference {
  const id = Number(digits);
  if (!Number.isSafeInteger(id) || id === 0) return problem("unrecognized");
  return id > 0 ? problem("user_id") : found({ kind: "id", chatId: id });
}

function fromLinkPath(path: string): ParsedChatReference {
  const [first = "", second = ""] = path.split("/").filter((s) => s !== "");
  if (first.startsWith("+") || first.toLowerCase() === "joinchat") return problem("private_invite");
  // t.me/c/<id>/<post> links a post of a private channel or supergroup by its internal id.
  if (first === "c" && /^\d+$/.test(second)) return fromNumber(`-100${second}`);
  if (first === "s" && username.test(second)) return found({ kind: "username", username: second });
  if (username.test(first)) return found({ kind: "username", username: first });
  return problem("unrecognized");
}

/**
 * Reads a chat reference from what an admin sent: a message forwarded from the chat, `@username`,
 * a numeric id like -1001234567890, or a public link (t.me/username, https://t.me/username/12).
 */
export function parseChatReference(message: {
  text?: string;
  forward_origin?: MessageOrigin;
}): ParsedChatReference {
  if (message.forward_origin) return fromOrigin(message.forward_origin);
  const text = message.text?.trim() ?? "";
  if (text.startsWith("@")) {
    const name = text.slice(1);
    return username.test(name) ? found({ kind: "username", username: name }) : problem("unrecognized");
  }
  if (/^[+-]?\d+$/.test(text)) return fromNumber(text);
  const link = telegramLink.exec(text);
  if (link) return fromLinkPath(link[1] ?? "");
  const resolve = /^tg:\/\/resolve\?domain=([A-Za-z0-9_]+)/i.exec(text);
  if (resolve?.[1] && username.test(resolve[1])) return found({ kind: "username", username: resolve[1] });
  return problem("unrecognized");
}

/** What getChat and getChatMember take for this reference. */
export function chatIdArgument(reference: ChatReference): number | string {
  return reference.kind === "id" ? reference.chatId : `@${reference.username}`;
}

/** The public join link of a chat that has a username. */
export function publicJoinUrl(chatUsername: string): string {
  return `https://t.me/${chatUsername}`;
}

/**
 * Accepts a join link an admin typed (public or private invite) and returns it as https://t.me/…,
 * or null when it is not a Telegram link a user could open to join.
 */
export function parseJoinLink(text: string): string | null {
  const link = telegramLink.exec(text.trim());
  const path = link?.[1]?.replace(/\/+$/, "");
  if (!path) return null;
  if (/^\+[A-Za-z0-9_-]{4,}$/.test(path) || /^joinchat\/[A-Za-z0-9_-]{4,}$/i.test(path)) {
    return `https://t.me/${path}`;
  }
  return username.test(path) ? publicJoinUrl(path) : null;
}
