import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import type { UserRecord } from "../../../db/schema/index.js";
import type { Registration } from "../../users/user-repository.js";
import { personalizeSetting, replyAtGate } from "../gate-replies.js";
import { payloadMeaning } from "../start-payload.js";

/** Who gets credited for this newcomer, if anyone: a user's link or a campaign link, when switched on. */
function resolveReferral(ctx: UsherContext, newcomer: UserRecord): Registration {
  const none: Registration = { referrerId: null, campaignId: null };
  if (newcomer.startPayload === null) return none;
  const { settings, users, campaigns } = ctx.services;
  const meaning = payloadMeaning(newcomer.startPayload);
  if (meaning.kind === "user_referral" && settings.get("userReferrals").enabled) {
    const parent = users.findByReferralCode(meaning.code);
    // No self-referral, only bot users as parents, and never a cycle (possible with imported data).
    if (!parent || parent.id === newcomer.id || parent.status !== "active") return none;
    if (users.referralChainContains(parent.id, newcomer.id)) return none;
    return { referrerId: parent.id, campaignId: null };
  }
  if (meaning.kind === "campaign" && settings.get("adminReferrals").enabled) {
    const campaign = campaigns.findByCode(meaning.code);
    if (campaign) return { referrerId: null, campaignId: campaign.id };
  }
  return none;
}

/**
 * Gate steps 3–5 for a newcomer who passed the protections: user referral, admin referral,
 * access only by referral link, then registration as a bot user.
 */
export const referralStep: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const user = ctx.user;
  if (user?.status !== "pending") return next();
  const { settings, users, now } = ctx.services;
  const registration = resolveReferral(ctx, user);
  const referred = registration.referrerId !== null || registration.campaignId !== null;
  if (!referred && !ctx.isAdmin && settings.get("refLinkOnly").enabled) {
    ctx.log.info(
      { userId: user.id, payload: user.startPayload },
      "newcomer without a referral link turned away",
    );
    ctx.metrics?.countGate("ref_only_refused");
    await replyAtGate(
      ctx,
      personalizeSetting(
        ctx,
        "refLinkOnly",
        settings.get("refLinkOnly").text,
        (botTexts) => botTexts.refLinkOnly,
      ),
    );
    return;
  }
  const at = now();
  if (users.register(user.id, registration, at)) {
    ctx.gate.justRegistered = true;
    ctx.metrics?.countGate("registered");
    ctx.user = { ...user, ...registration, status: "active", registeredAt: at };
    ctx.log.info({ userId: user.id, ...registration }, "new bot user registered");
  }
  await next();
};
