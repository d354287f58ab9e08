import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { groupEventOf } from "./group-events.js";
import { trackGroupEvent } from "./group-tracking.js";

/**
 * Keeps track of the groups the bot is in (`my_chat_member`) and of which bot users are in them
 * (`chat_member` where the bot is an admin, their messages, join and leave notices), for the card's
 * "Shares a group". Every update goes on: others read group updates too (the join check's cache).
 */
export const groupsFeature: MiddlewareFn<UsherContext> = (ctx, next) => {
  const event = ctx.chat?.type === "private" ? undefined : groupEventOf(ctx.update, ctx.me.id);
  if (event) trackGroupEvent(ctx.services, { event, at: ctx.services.now() });
  return next();
};
