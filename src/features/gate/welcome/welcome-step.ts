import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/bot.js";
import { texts as english } from "../../../texts/en/bot.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import { sendContent } from "../../content/send-content.js";
import { urlKeyboard } from "../../content/url-keyboard.js";
import { fieldsFor, userTexts, variantOf } from "../gate-replies.js";

/**
 * After the gate: a new bot user gets the welcome message; a returning user's /start gets the
 * welcome unless a deeplink already answered it. Other updates go on to the bot's content.
 */
export const welcomeStep: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const user = ctx.user;
  const { justRegistered, isStart, deeplinkDelivered } = ctx.gate;
  const answersStart = justRegistered || (isStart && !deeplinkDelivered);
  if (!user || !answersStart) return next();
  const welcome = ctx.services.settings.get("welcome");
  // Admins get the 🔐Admin button with it, so the menu is one tap away.
  const keyboard = ctx.isAdmin ? adminKeyboard : undefined;
  if (!welcome.enabled) {
    if (keyboard) await ctx.reply(texts.admin.keyboardHint, { reply_markup: keyboard });
    return;
  }
  const link = ctx.services.links?.forUser(user.id);
  const buttons = urlKeyboard(welcome.buttons, link);
  // A message carries one keyboard: URL buttons win, and an admin then gets 🔐Admin with a hint.
  // The admin's variant in the user's language, else the default welcome in the user's language;
  // one the admin wrote as it is.
  const content =
    variantOf(ctx, "welcome") ??
    (welcome.content.type === "text" && welcome.content.text === english.welcome
      ? { ...welcome.content, text: userTexts(ctx).welcome }
      : welcome.content);
  await sendContent(ctx.api, user.id, content, fieldsFor(ctx), buttons ?? keyboard, link);
  if (buttons && keyboard) await ctx.reply(texts.admin.keyboardHint, { reply_markup: keyboard });
};
