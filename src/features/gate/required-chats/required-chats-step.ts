import { InlineKeyboard, type MiddlewareFn } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import type { RequiredChatRecord } from "../../../db/schema/index.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { texts } from "../../../texts/bot.js";
import { inLocale } from "../../../texts/locale-scope.js";
import { renderTemplate } from "../../content/template.js";
import { localeOfUser } from "../../language/language.js";
import { answerPendingPress, personalizeSetting, replyAtGate, userTexts } from "../gate-replies.js";
import { isJoined } from "./membership.js";

const joinedCallback = "gate:joined";

/** What asking Telegram found: the chats still to join, or no answer to trust right now. */
type JoinCheck = { kind: "checked"; missing: RequiredChatRecord[] } | { kind: "unavailable" };

/**
 * The chats this user has not joined. A chat whose members the bot cannot read counts as joined
 * (fail open: a misconfiguration must never lock users out) and alerts the admins once. When
 * Telegram fails for a while (5xx, network, flood limit) the check is unavailable: letting someone
 * in then would be for good.
 */
async function checkMemberships(ctx: UsherContext, userId: number, fresh: boolean): Promise<JoinCheck> {
  const { requiredChats, membership, settings, admins, users, now } = ctx.services;
  const maxAge = fresh ? 0 : settings.get("joinCheck").cacheSeconds;
  const missing: RequiredChatRecord[] = [];
  for (const chat of requiredChats.list()) {
    const cached = membership.get(chat.chatId, userId, maxAge);
    if (cached !== undefined) {
      if (!cached) missing.push(chat);
      continue;
    }
    try {
      const member = await ctx.api.getChatMember(chat.chatId, userId);
      const joined = isJoined(member);
      membership.set(chat.chatId, userId, joined);
      if (chat.inaccessibleAlertedAt !== null) requiredChats.clearInaccessibleAlert(chat.chatId);
      if (!joined) missing.push(chat);
    } catch (error) {
      const failure = classifyTelegramError(error);
      if (failure.kind === "transient" || failure.kind === "rate_limited") {
        ctx.log.warn({ chatId: chat.chatId, failure }, "join check could not read membership for now");
        return { kind: "unavailable" };
      }
      ctx.log.warn(
        { chatId: chat.chatId, failure },
        "join check could not read membership; letting the user through",
      );
      const misconfigured = failure.kind === "inaccessible" || failure.kind === "chat_not_found";
      if (misconfigured && requiredChats.claimInaccessibleAlert(chat.chatId, now())) {
        // In each admin's language, not the language of the user whose update this is.
        const alert = () =>
          renderTemplate(texts.joinCheck.inaccessibleAlert, {
            title: chat.title,
            chat_id: String(chat.chatId),
            reason: failure.description,
          }).text;
        for (const adminId of admins.adminIds()) {
          const text = inLocale(localeOfUser(users.find(adminId)), alert);
          await ctx.api.sendMessage(adminId, text).catch((err: unknown) => {
            ctx.log.warn({ err, adminId }, "could not alert an admin about an unreadable chat");
          });
        }
      }
    }
  }
  return { kind: "checked", missing };
}

function promptKeyboard(ctx: UsherContext, missing: RequiredChatRecord[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const chat of missing) keyboard.url(chat.title, chat.joinUrl).row();
  return keyboard.text(userTexts(ctx).joinCheck.joinedButton, joinedCallback);
}

/**
 * Joins and leaves seen live (`chat_member` updates) make a cached answer wrong: forget it. Checked
 * by hand, not with `on`: grammY's filter would wait on every update (see bot/when.ts).
 */
export const membershipWatch: MiddlewareFn<UsherContext> = (ctx, next) => {
  const update = ctx.chatMember;
  if (update) ctx.services.membership.forget(update.chat.id, update.new_chat_member.user.id);
  return next();
};

/**
 * Gate step 2: the subscription check. Newcomers must join every required chat; with re-check on,
 * bot users who leave lose access until they rejoin.
 */
export const requiredChatsStep: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const user = ctx.user;
  const settings = ctx.services.settings.get("joinCheck");
  if (!user || !settings.enabled || ctx.isAdmin) return next();
  const applies = user.status === "pending" || settings.recheckEveryInteraction;
  if (!applies) return next();

  const pressedJoined = ctx.callbackQuery?.data === joinedCallback;
  const check = await checkMemberships(ctx, user.id, pressedJoined);
  if (check.kind === "unavailable") {
    // A bot user keeps access through a Telegram hiccup; a newcomer is asked to try again.
    if (user.status === "active") return next();
    ctx.metrics?.countGate("join_unavailable");
    const t = userTexts(ctx);
    const retry = new InlineKeyboard().text(t.joinCheck.retryButton, joinedCallback);
    await replyAtGate(ctx, t.joinCheck.unavailable, retry);
    return;
  }
  const { missing } = check;
  if (missing.length === 0) {
    if (pressedJoined) {
      await ctx.answerCallbackQuery({ text: "✅" });
      await ctx.deleteMessage().catch(() => undefined);
      // A bot user who rejoined is done; a newcomer goes on to registration.
      if (user.status === "active") return;
    }
    return next();
  }
  if (pressedJoined) {
    await ctx.answerCallbackQuery({ text: userTexts(ctx).joinCheck.stillMissing, show_alert: true });
    await ctx.editMessageReplyMarkup({ reply_markup: promptKeyboard(ctx, missing) }).catch(() => undefined);
    return;
  }
  if (ctx.callbackQuery) await answerPendingPress(ctx);
  ctx.metrics?.countGate("join_required");
  await ctx.reply(
    personalizeSetting(ctx, "joinCheck.prompt", settings.promptText, (botTexts) => botTexts.joinCheck.prompt),
    {
      reply_markup: promptKeyboard(ctx, missing),
    },
  );
};
