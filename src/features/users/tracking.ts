import { Composer } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import type { Services } from "../../bot/services.js";
import type { UserRecord } from "../../db/schema/index.js";
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
    const { users, settings, now, db } = ctx.services;
    const at = now();
    const membership = ctx.myChatMember;
    if (membership) {
      const user = users.touch(from, at);
      const status = membership.new_chat_member.status;
      if (status === "kicked") users.markDead(user.id, "blocked", at);
      else if (status === "member") users.markAlive(user.id);
      ctx.log.debug({ userId: user.id, status }, "private chat membership changed");
      return; // A block or unblock is not an interaction: nothing else should answer it.
    }

    const interaction = interactionOf(ctx);
    const timeoutMs = settings.get("users").sessionTimeoutMinutes * 60_000;
    // One commit for the upsert and the activity of an update (each is a write on every update).
    const user = db.transaction(() => {
      const touched = registeredIfAdmin(ctx, users.touch(from, at), at);
      if (!interaction) return touched;
      const revived =
        touched.deadAt === null
          ? touched
          : { ...touched, deadAt: null, deadReason: null, failedDeliveries: 0 };
      if (touched.deadAt !== null) users.markAlive(touched.id);
      // ctx.user keeps the activity as it was before this update: the profile form reads the gap from it.
      activity.recordInteraction(revived, interaction, at, timeoutMs);
      return revived;
    });
    ctx.user = user;
    if (user.status === "banned" && !ctx.isAdmin) return;
    await next();
  });
  return tracking;
}

/**
 * Admins pass the gate by definition, so they are bot users from their first update (/admin
 * included), with no referral: statistics, segments and mailing audiences then count them alike.
 */
function registeredIfAdmin(ctx: UsherContext, user: UserRecord, at: Date): UserRecord {
  if (!ctx.isAdmin || user.status !== "pending") return user;
  if (!ctx.services.users.register(user.id, { referrerId: null, campaignId: null }, at)) return user;
  return { ...user, status: "active", registeredAt: at, referrerId: null, campaignId: null };
}

function interactionOf(ctx: UsherContext): Interaction | undefined {
  if (ctx.message) return { kind: "message", ...readMessage(ctx.message) };
  if (ctx.callbackQuery) return { kind: "press" };
  return undefined;
}
