import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import type { Services } from "../../bot/services.js";
import { readMessage } from "./activity.js";
import { ActivityRepository, type Interaction } from "./activity-repository.js";
import { trackPrivateChatStatus, trackUpdate } from "./track-update.js";

/**
 * Upserts the sender of every private-chat update and keeps liveness current: `my_chat_member`
 * kicked/member marks the user dead/alive, and any message or button press from a dead user revives them.
 * Messages and presses also count as activity (sessions, time spent, counts, sentiment, last message).
 */
export function createUserTrackingFeature(services: Services): MiddlewareFn<UsherContext> {
  const activity = new ActivityRepository(services.db);
  return (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot || ctx.chat?.type !== "private") return next();
    const at = ctx.services.now();
    const deps = { db: ctx.services.db, users: ctx.services.users, activity };
    const membership = ctx.myChatMember;
    if (membership) {
      const status = membership.new_chat_member.status;
      const user = trackPrivateChatStatus(deps, { from, status, at });
      ctx.log.debug({ userId: user.id, status }, "private chat membership changed");
      return; // A block or unblock is not an interaction: nothing else should answer it.
    }
    const user = trackUpdate(deps, {
      from,
      interaction: interactionOf(ctx),
      admin: ctx.isAdmin,
      at,
      sessionTimeoutMs: ctx.services.settings.get("users").sessionTimeoutMinutes * 60_000,
    });
    ctx.user = user;
    if (user.status === "banned" && !ctx.isAdmin) return;
    return next();
  };
}

function interactionOf(ctx: UsherContext): Interaction | undefined {
  if (ctx.message) return { kind: "message", ...readMessage(ctx.message) };
  if (ctx.callbackQuery) return { kind: "press" };
  return undefined;
}
