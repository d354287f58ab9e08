import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { alertAdminsOfNewUser } from "../alerts/new-user-alert.js";
import { personalizeSetting, replyAtGate } from "../gate-replies.js";

/**
 * Gate step 6: maintenance mode. It speaks only after registration, so a newcomer arriving now keeps
 * the referral parent or campaign; their deeplink payload waits until maintenance ends.
 */
export const maintenanceStep: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const maintenance = ctx.services.settings.get("maintenance");
  if (!maintenance.enabled || ctx.isAdmin) return next();
  ctx.metrics?.countGate("maintenance");
  if (ctx.gate.justRegistered) await alertAdminsOfNewUser(ctx);
  await replyAtGate(
    ctx,
    personalizeSetting(ctx, "maintenance", maintenance.text, (botTexts) => botTexts.maintenance),
  );
};
