import { Composer } from "grammy";
import type { UsherContext } from "../../bot/context.js";

/**
 * Upserts the sender of every private-chat update and keeps liveness current: `my_chat_member`
 * kicked/member marks the user dead/alive, and any message or button press from a dead user revives them.
 */
export const userTrackingFeature = new Composer<UsherContext>();

userTrackingFeature.use(async (ctx, next) => {
  const from = ctx.from;
  if (!from || from.is_bot || ctx.chat?.type !== "private") return next();
  const { users, now } = ctx.services;
  const at = now();
  let user = users.touch(from, at);

  const membership = ctx.myChatMember;
  if (membership) {
    const status = membership.new_chat_member.status;
    if (status === "kicked") users.markDead(user.id, "blocked", at);
    else if (status === "member") users.markAlive(user.id);
    ctx.log.debug({ userId: user.id, status }, "private chat membership changed");
    return; // A block or unblock is not an interaction: nothing else should answer it.
  }

  if (user.deadAt !== null && (ctx.message || ctx.callbackQuery)) {
    users.markAlive(user.id);
    user = { ...user, deadAt: null, deadReason: null, failedDeliveries: 0 };
  }
  ctx.user = user;
  if (user.status === "banned" && !ctx.isAdmin) return;
  await next();
});
