import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { inLocaleAsync } from "../../texts/locale-scope.js";
import { localeOfUser } from "./language.js";

/**
 * Everything that handles this update speaks the language of the person it is from: a user gets the
 * bot's texts, an admin the menu, in theirs (every texts module reads the locale set here).
 */
export const speakTheirLanguage: MiddlewareFn<UsherContext> = (ctx, next) =>
  inLocaleAsync(localeOfUser(ctx.user, ctx.from?.language_code), next);
