import { Composer } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { personalizeSetting } from "../gate-replies.js";
import { startLink } from "../start-payload.js";

/** /ref: a bot user asks for their personal invite link and how many joined through it. */
export const referralLinkReply = new Composer<UsherContext>();

referralLinkReply.command("ref", async (ctx, next) => {
  const user = ctx.user;
  const settings = ctx.services.settings.get("userReferrals");
  if (user?.status !== "active" || !settings.enabled) return next();
  const text = personalizeSetting(
    ctx,
    "referralLink",
    settings.linkText,
    (botTexts) => botTexts.referralLink,
    {
      link: startLink(ctx.me.username, `r${user.referralCode}`),
      count: String(user.referralCount),
    },
  );
  await ctx.reply(text, { link_preview_options: { is_disabled: true } });
});
