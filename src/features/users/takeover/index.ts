import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { sequence } from "../../../bot/sequence.js";
import type { Services } from "../../../bot/services.js";
import { isPaused } from "./pause.js";
import { relayAdminReply, relayToAdmins } from "./relay.js";

/**
 * Human takeover, right after user tracking: an admin's reply to a relayed message goes to the user
 * as the bot, and while a user is paused the bot stays silent and their messages go to the admins.
 * Admins are never paused out, so nobody can lock themselves out of the menu that resumes the bot.
 */
export function createTakeoverFeature(services: Services): MiddlewareFn<UsherContext> {
  const { takeover } = services;
  // Only an admin's reply can be relayed; anything else goes on without a wait (which would end the
  // update's one commit, see update-commit.ts).
  const relayReply: MiddlewareFn<UsherContext> = (ctx, next) => {
    if (!ctx.isAdmin || ctx.message?.reply_to_message === undefined) return next();
    return relayAdminReply(ctx, takeover).then((relayed) => (relayed ? undefined : next()));
  };
  const holdPaused: MiddlewareFn<UsherContext> = async (ctx, next) => {
    const user = ctx.user;
    if (!user || ctx.isAdmin || !isPaused(user.pausedUntil, ctx.services.now())) return next();
    if (ctx.message) await relayToAdmins(ctx, takeover, user, ctx.message);
    else if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  };
  return sequence(relayReply, holdPaused);
}
