import type { Api } from "grammy";
import type { Logger } from "pino";
import type { RequiredChatRecord } from "../../db/schema/index.js";
import { classifyTelegramError } from "../../telegram/errors.js";
import { lookUpChat } from "../../telegram/look-up-chat.js";
import { type CheckResult, ok, problem } from "./check.js";

/** Someone who may use the admin menu, and in which role. */
export interface AdminToReach {
  id: number;
  role: "owner" | "admin";
}

/**
 * Whether each admin can get the bot's messages: getChat (someone who never started the bot is
 * unknown to it), then a typing action (the only harmless way to learn that they blocked it).
 */
export async function checkAdmins(
  api: Api,
  bot: string,
  admins: readonly AdminToReach[],
): Promise<CheckResult[]> {
  if (admins.length === 0) {
    return [
      problem(
        "admins",
        "no owners: ADMIN_IDS is empty and nobody was added, so nobody can open the admin menu",
        "put your Telegram user id in ADMIN_IDS",
      ),
    ];
  }
  const results: CheckResult[] = [];
  for (const { id, role } of admins) {
    const name = `${role} ${id}`;
    try {
      await api.getChat(id);
      await api.sendChatAction(id, "typing");
      results.push(ok(name, "reachable"));
    } catch (error) {
      const failure = classifyTelegramError(error);
      const why =
        failure.kind === "chat_not_found"
          ? ["has never started the bot", `ask them to open @${bot} and press Start`]
          : failure.kind === "blocked"
            ? ["has blocked the bot", `ask them to unblock @${bot}`]
            : failure.kind === "deactivated"
              ? ["deleted their Telegram account", "take them out of ADMIN_IDS or the 👮 Admins menu"]
              : [`cannot be reached (${failure.description})`, "run doctor again in a moment"];
      results.push(
        problem(name, `${name} ${why[0]}: the bot cannot send them alerts or reports`, why[1] ?? ""),
      );
    }
  }
  return results;
}

/** Whether the bot can read each required chat and its members (it must be an administrator there). */
export async function checkRequiredChats(
  deps: { api: Api; botId: number; bot: string; log: Logger },
  chats: readonly RequiredChatRecord[],
): Promise<CheckResult[]> {
  if (chats.length === 0) return [ok("required chats", "none")];
  const results: CheckResult[] = [];
  for (const chat of chats) {
    const name = `chat ${chat.chatId}`;
    const label = `"${chat.title}" (${chat.chatId})`;
    const makeAdmin = `make @${deps.bot} an administrator of ${label}, or remove it from 🔒 Required chats`;
    const lookup = await lookUpChat(deps, chat.chatId, "checking a required chat");
    if (lookup.kind === "found") {
      const { status } = lookup.found.member;
      results.push(
        status === "administrator" || status === "creator"
          ? ok(name, `${label}: the bot is an administrator`)
          : problem(
              name,
              `the bot is not an administrator of ${label} (${status}): it cannot check who joined`,
              makeAdmin,
            ),
      );
    } else if (lookup.kind === "hidden") {
      results.push(problem(name, `the bot cannot read the members of ${label}`, makeAdmin));
    } else if (lookup.kind === "not_found") {
      results.push(
        problem(name, `${label} cannot be read: the chat is gone or the bot is not in it`, makeAdmin),
      );
    } else if (lookup.kind === "private_chat") {
      results.push(
        problem(
          name,
          `${label} is a private chat, not a group or channel`,
          "remove it from 🔒 Required chats",
        ),
      );
    } else {
      results.push(
        problem(name, `${label} could not be checked: ${lookup.description}`, "run doctor again in a moment"),
      );
    }
  }
  return results;
}
