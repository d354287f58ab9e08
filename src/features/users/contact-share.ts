import { Composer } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { ownContactPhone, saveSharedPhone } from "./contact.js";

/**
 * A bot user sharing their own contact (the request-contact button) leaves their phone, and any
 * imported contact with that phone is merged into them. Someone else's contact is ignored here.
 * The update goes on, so the profile form waiting for the phone sees it too.
 */
export const contactShareFeature = new Composer<UsherContext>();

contactShareFeature.on("message:contact", async (ctx, next) => {
  const user = ctx.user;
  const phone = user ? ownContactPhone(ctx.message.contact, user.id) : null;
  if (user && phone !== null) {
    const merged = saveSharedPhone(ctx.services, { userId: user.id, phone });
    ctx.user = ctx.services.users.find(user.id) ?? user;
    if (merged.length > 0)
      ctx.log.info({ userId: user.id, merged }, "merged imported contacts on contact share");
  }
  await next();
});
