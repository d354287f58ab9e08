import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { sendContent } from "../../content/send-content.js";
import { urlKeyboard } from "../../content/url-keyboard.js";
import { startFormFromLink } from "../../forms/form-link.js";
import { subscribeByDeeplink } from "../../sequences/subscription-commands.js";
import { fieldsFor, variantOf } from "../gate-replies.js";
import { recordDeeplinkVisit } from "./deeplink-visit.js";

/**
 * Gate step 7: a `?start=<code>` of an admin-defined deeplink delivers its content (in the user's
 * language when the admin wrote a variant for it) and tags the user.
 * The payload is the one of this /start, or the one kept from the user's first steps at the gate.
 * A form's code starts that form instead (forms/form-link.ts).
 */
export const deeplinkStep: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const user = ctx.user;
  if (user?.status !== "active") return next();
  const { deeplinks, settings, users, now } = ctx.services;
  const kept = user.startPayload;
  const payload = ctx.gate.startPayload ?? kept;
  if (kept !== null) {
    users.setStartPayload(user.id, null);
    ctx.user = { ...user, startPayload: null };
  }
  if (payload === null) return next();
  const form = ctx.services.forms.findByCode(payload);
  if (form) return startFormFromLink(ctx, form, next);
  if (!settings.get("deeplinks").enabled) return next();
  const deeplink = deeplinks.find(payload);
  if (!deeplink) {
    ctx.log.debug({ userId: user.id, payload }, "start payload is not a deeplink");
    return next();
  }
  const link = ctx.services.links?.forUser(user.id);
  const buttons = urlKeyboard(deeplink.buttons, link);
  // The admin's variant in the user's language, under the deeplink's own buttons.
  const content = variantOf(ctx, `deeplink:${deeplink.code}`) ?? deeplink.content;
  await sendContent(ctx.api, user.id, content, fieldsFor(ctx), buttons, link);
  recordDeeplinkVisit(ctx.services, { deeplink, userId: user.id, at: now() });
  subscribeByDeeplink(ctx.services, deeplink.code, user.id);
  ctx.gate.deeplinkDelivered = true;
  ctx.metrics?.countGate("deeplink");
  ctx.log.debug({ userId: user.id, code: deeplink.code }, "deeplink delivered");
  await next();
};
