import type { Db } from "../../../db/client.js";
import type { RequiredChatRecord } from "../../../db/schema/index.js";
import type { Actor } from "../../audit/audit-log.js";
import type { AuditLog } from "../../audit/audit-repository.js";
import type { RequiredChatRepository } from "./required-chat-repository.js";

/** What the required-chat verbs work with (a subset of the bot's services). */
export interface RequiredChatServices {
  db: Db;
  requiredChats: RequiredChatRepository;
  audit: AuditLog;
  now: () => Date;
}

/**
 * Adds an inspected chat at the end of the subscription check's list and audits `joinCheck.addChat`.
 * Undefined, changing nothing, when the chat is listed already. The list's memory is refreshed by
 * the repository; membership answers are per chat, so none is stale.
 */
export function addRequiredChat(
  services: RequiredChatServices,
  actor: Actor,
  chat: { chatId: number; title: string; joinUrl: string },
): RequiredChatRecord | undefined {
  const { requiredChats, audit } = services;
  return services.db.transaction(() => {
    if (requiredChats.find(chat.chatId)) return undefined;
    const added = requiredChats.add(chat, services.now());
    audit.record({
      actor,
      action: "joinCheck.addChat",
      before: null,
      after: { chatId: chat.chatId, title: chat.title },
    });
    return added;
  });
}

/** Removes a chat from the subscription check and audits `joinCheck.removeChat`; undefined when not listed. */
export function removeRequiredChat(
  services: RequiredChatServices,
  actor: Actor,
  chatId: number,
): RequiredChatRecord | undefined {
  const { requiredChats, audit } = services;
  return services.db.transaction(() => {
    const chat = requiredChats.find(chatId);
    if (!chat || !requiredChats.remove(chatId)) return undefined;
    audit.record({
      actor,
      action: "joinCheck.removeChat",
      before: { chatId: chat.chatId, title: chat.title },
      after: null,
    });
    return chat;
  });
}
