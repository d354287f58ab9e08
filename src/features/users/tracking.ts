import { Composer } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import type { Services } from "../../bot/services.js";
import { readMessage } from "./activity.js";
import { ActivityRepository, type Interaction } from "./activity-repository.js";

/**
 * Upserts the sender of every private-chat update and keeps liveness current: `my_chat_member`
 * kicked/member marks the user dead/alive, and any message or button press from a dead user revives them.
 * Messages and presses also count as activity (sessions, time spent, counts, sentiment, last message).
 */
export function createUserTrackingFeature(services: Services): Composer<UsherContext> {
  const activity = new ActivityRepository(services.db);
  const tracking = new Composer<UsherContext>();

  tracking.use(async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot || ctx.chat?.type !== "private") return next();
    const { users, settings, now } = ctx.services;
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

    const interaction = interactionOf(ctx);
    if (interaction) {
      if (user.deadAt !== null) {
        users.markAlive(user.id);
        user = { ...user, deadAt: null, deadReason: null, failedDeliveries: 0 };
      }
      const timeoutMs = settings.get("users").sessionTimeoutMinutes * 60_000;
      // ctx.user keeps the activity as it was before this update: the profile form reads the gap from it.
      activity.recordInteraction(user, interaction, at, timeoutMs);
    }
    ctx.user = user;
    if (user.status === "banned" && !ctx.isAdmin) return;
    await next();
  });
  return tracking;
}

function interactionOf(ctx: UsherContext): Interaction | undefined {
  if (ctx.message) return { kind: "message", ...readMessage(ctx.message) };
  if (ctx.callbackQuery) return { kind: "press" };
  return undefined;
}
