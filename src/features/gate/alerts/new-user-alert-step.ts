import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { alertAdminsOfNewUser } from "./new-user-alert.js";

/** Gate step 8: the admins hear of each new bot user once, in an alert of their own or a busy minute's digest. */
export const newUserAlertStep: MiddlewareFn<UsherContext> = async (ctx, next) => {
  // Not awaited: in a burst an admin's chat takes about one alert a second, and neither the
  // newcomer's welcome nor the update's slot should wait for that (the alert keeps its turn).
  if (ctx.gate.justRegistered) {
    alertAdminsOfNewUser(ctx).catch((err: unknown) => ctx.log.warn({ err }, "new-user alert failed"));
  }
  await next();
};
