import { InlineKeyboard, type MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { languageNames } from "../../texts/bot.js";
import { textsIn } from "../../texts/locale-texts.js";
import { locales } from "../../texts/translations.js";
import { chooseLanguage } from "./choose-language.js";
import { localeOfUser } from "./language.js";

const callbackPrefix = "language:";
const languageCommand = /^\/language(@\w+)?(\s|$)/;

/**
 * /language: the user picks the language the bot speaks to them. Works at the gate too: someone
 * still at a step sees it again in the language they picked.
 */
export const languageStep: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const user = ctx.user;
  if (!user) return next();
  if (ctx.message?.text !== undefined && languageCommand.test(ctx.message.text)) {
    const keyboard = new InlineKeyboard();
    for (const locale of locales) keyboard.text(languageNames[locale], `${callbackPrefix}${locale}`).row();
    await ctx.reply(textsIn("bot", localeOfUser(user)).language.prompt, { reply_markup: keyboard });
    return;
  }
  const data = ctx.callbackQuery?.data;
  if (!data?.startsWith(callbackPrefix)) return next();
  const chosen = chooseLanguage(ctx.services, user.id, data.slice(callbackPrefix.length));
  if (chosen === undefined) {
    await ctx.answerCallbackQuery();
    return;
  }
  ctx.user = { ...user, language: chosen };
  const chosenText = textsIn("bot", chosen).language.chosen;
  await ctx.answerCallbackQuery({ text: chosenText });
  await ctx.editMessageText(chosenText).catch(() => undefined);
  if (user.status !== "pending") return;
  ctx.gate.languageChanged = true;
  // The gate reads the user's locale from `ctx.user`, which now holds the new language.
  return next();
};
