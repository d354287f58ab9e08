import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "./context.js";

/**
 * Handles each update once, whichever instance it reaches and however often: Telegram sends an
 * update again when the answer was late or lost, and behind a proxy the copy may go to another
 * instance while the first is being handled. Install it inside the update's commit: on SQLite the
 * claim commits with the update's first writes, so a process that dies before that commit leaves
 * the update to its resend; an update claimed by a process that died later is not handled again,
 * as its replies may have reached the user.
 */
export const updateOnce: MiddlewareFn<UsherContext> = (ctx, next) => {
  const { handledUpdates, now } = ctx.services;
  if (handledUpdates.claim(ctx.update.update_id, now())) return next();
  ctx.metrics?.countUpdateDropped("duplicate");
  ctx.log.info("update already taken on (Telegram sent it again): dropped");
  return Promise.resolve();
};
