import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-variants.js";
import { sendContent } from "../../content/send-content.js";
import { fieldsFor, personalize } from "../../gate/gate-replies.js";
import { startLink } from "../../gate/start-payload.js";
import type { VariantContent, VariantSubject } from "../../variants/variant-subject.js";

/**
 * Sends a variant to the admin as a user of its language gets it, the admin's own fields filled: a
 * plain text personalized (the /ref text with the admin's link), a message sent or copied. A step's
 * poll or album is only named: its editor previews it (`VariantsEditor.preview`).
 */
export async function previewVariant(
  ctx: UsherContext,
  content: VariantContent,
  subject: VariantSubject,
): Promise<void> {
  if (!ctx.from) return;
  if (typeof content === "string") {
    const user = ctx.user;
    const extra =
      subject === "referralLink" && user
        ? { link: startLink(ctx.me.username, `r${user.referralCode}`), count: String(user.referralCount) }
        : undefined;
    await ctx.reply(personalize(ctx, content, extra));
    return;
  }
  if (content.type === "text" || content.type === "copy") {
    await sendContent(ctx.api, ctx.from.id, content, fieldsFor(ctx));
    return;
  }
  await ctx.reply(texts.otherContent);
}
