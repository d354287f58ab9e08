import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import type { UserRecord } from "../../../db/schema/index.js";
import { classifyTelegramError, unreachableKinds } from "../../../telegram/errors.js";
import { texts } from "../../../texts/admin-takeover.js";
import { inLocale } from "../../../texts/locale-scope.js";
import { renderTemplate } from "../../content/template.js";
import { localeOfUser } from "../../language/language.js";
import { displayName } from "../display-name.js";
import type { TakeoverRepository } from "./takeover-repository.js";
import { userCardText } from "./user-card.js";

/** Where a paused user's messages go: the support chat when one is set, else each admin's private chat. */
function relayTargets(ctx: UsherContext, userId: number): number[] {
  const { supportChatId } = ctx.services.settings.get("users");
  if (supportChatId !== null) return [supportChatId];
  return ctx.services.admins.adminIds().filter((id) => id !== userId);
}

/**
 * Copies a paused user's message to the admins, after their card (in the admin's language) the first
 * time in this pause; each copy replies to the card, so interleaved users stay apart. Each
 * admin-side message is recorded.
 */
export async function relayToAdmins(
  ctx: UsherContext,
  takeover: TakeoverRepository,
  user: UserRecord,
  message: Message,
): Promise<void> {
  const { settings, users, now } = ctx.services;
  for (const chatId of relayTargets(ctx, user.id)) {
    try {
      let cardId = takeover.cardMessageId(user.id, chatId);
      if (cardId === undefined) {
        // In the admin's language (a support group has no record: English), not the paused user's.
        const cardText = inLocale(localeOfUser(users.find(chatId)), () =>
          userCardText(user, settings.get("general").dearUserName),
        );
        const card = await ctx.api.sendMessage(chatId, cardText);
        cardId = card.message_id;
        takeover.recordRelayed(chatId, cardId, user.id, now());
      }
      const copy = await ctx.api.copyMessage(chatId, message.chat.id, message.message_id, {
        reply_parameters: { message_id: cardId, allow_sending_without_reply: true },
      });
      takeover.recordRelayed(chatId, copy.message_id, user.id, now());
    } catch (err) {
      ctx.log.warn({ err, chatId, userId: user.id }, "could not relay a paused user's message");
    }
  }
}

/**
 * An admin's reply to a relayed message, copied to the user as the bot (any content); the admin is
 * told the outcome. Returns false when the message is not such a reply, so it goes on as usual.
 */
export async function relayAdminReply(ctx: UsherContext, takeover: TakeoverRepository): Promise<boolean> {
  const message = ctx.message;
  const repliedTo = message?.reply_to_message;
  if (!message || !repliedTo || !ctx.isAdmin) return false;
  const userId = takeover.relayedUserId(message.chat.id, repliedTo.message_id);
  if (userId === undefined) return false;

  const { users, settings } = ctx.services;
  const user = users.find(userId);
  const name = user ? displayName(user, settings.get("general").dearUserName) : String(userId);
  let outcome: string;
  try {
    await ctx.api.copyMessage(userId, message.chat.id, message.message_id);
    outcome = renderTemplate(texts.sent, { name }).text;
  } catch (err) {
    const failure = classifyTelegramError(err);
    ctx.log.info({ err, userId }, "an admin's reply did not reach the user");
    if (unreachableKinds.has(failure.kind)) users.markDead(userId, failure.kind, ctx.services.now());
    const template =
      failure.kind === "blocked"
        ? texts.blocked
        : unreachableKinds.has(failure.kind)
          ? texts.unreachable
          : texts.failed;
    outcome = renderTemplate(template, { name, reason: failure.description }).text;
  }
  await ctx.reply(outcome, {
    reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
  });
  return true;
}
