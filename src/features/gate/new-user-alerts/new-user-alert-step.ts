import { Composer } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { alertAdminsOfNewUser } from "./new-user-alert.js";

/** Gate step 8: the admins hear of each new bot user once, in an alert of their own or a busy minute's digest. */
export const newUserAlertStep = new Composer<UsherContext>();

newUserAlertStep.use(async (ctx, next) => {
  if (ctx.gate.justRegistered) await alertAdminsOfNewUser(ctx);
  await next();
});
