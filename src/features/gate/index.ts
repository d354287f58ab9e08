import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { sequence } from "../../bot/sequence.js";
import { inOneCommit } from "../../bot/update-commit.js";
import { when } from "../../bot/when.js";
import { languageStep } from "../language/language-step.js";
import { newUserAlertStep } from "./alerts/new-user-alert-step.js";
import { captchaStep } from "./captcha/captcha-step.js";
import { deeplinkStep } from "./deeplinks/deeplink-step.js";
import { maintenanceStep } from "./maintenance/maintenance-step.js";
import { referralStep } from "./referrals/referral-step.js";
import { membershipWatch, requiredChatsStep } from "./required-chats/required-chats-step.js";
import { parseStartCommand } from "./start-payload.js";
import { welcomeStep } from "./welcome/welcome-step.js";

/** Reads the /start payload and keeps it on a newcomer's record so it survives captcha and join check. */
const enterGate: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const user = ctx.user;
  const start = parseStartCommand(ctx.message?.text);
  if (start?.rejectedPayload)
    ctx.log.info({ payload: start.rejectedPayload.slice(0, 100) }, "ignored malformed /start payload");
  ctx.gate = {
    startPayload: start?.payload ?? null,
    isStart: start !== null,
    justRegistered: false,
    deeplinkDelivered: false,
    languageChanged: false,
  };
  if (user && user.status === "pending" && start?.payload) {
    // The latest link a newcomer opened is the one that brought them; it is credited on registration.
    ctx.services.users.setStartPayload(user.id, start.payload);
    ctx.user = { ...user, startPayload: start.payload };
  }
  await next();
};

/** Gate buttons that reach the end unanswered belong to a finished or replaced step. */
const staleGateButtons = when<UsherContext>(
  (ctx) => ctx.callbackQuery?.data?.startsWith("gate:") === true,
  (ctx) => ctx.answerCallbackQuery(),
);

/**
 * The new-user gate, in the order the product promises (/language answered first): captcha → join check → user referral →
 * admin referral → ref-link-only → (registration) → maintenance → deeplink → new-user alert → welcome.
 */
export const gateFeature = sequence<UsherContext>(
  membershipWatch,
  when(
    (ctx) => ctx.chat?.type === "private" && ctx.user !== undefined && (!!ctx.message || !!ctx.callbackQuery),
    enterGate,
    // Before the steps: /language works for someone still at the gate.
    languageStep,
    captchaStep,
    requiredChatsStep,
    // Registration, the deeplink's payload and visit, the alert's claim: one commit after the join check.
    inOneCommit,
    referralStep,
    maintenanceStep,
    deeplinkStep,
    newUserAlertStep,
    welcomeStep,
    staleGateButtons,
  ),
);
