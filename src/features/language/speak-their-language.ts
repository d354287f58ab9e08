import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { inLocaleAsync } from "../../texts/locale-scope.js";
import { localeOfUser } from "./language.js";

/**
 * An admin's update speaks the admin's language throughout: the menu's many pages read the locale
 * scope. A user's update reads its few texts in the user's locale explicitly (`userTexts`,
 * `userLocale`), so the scope's AsyncLocalStorage never slows the gate down.
 */
export const speakTheirLanguage: MiddlewareFn<UsherContext> = (ctx, next) =>
  ctx.isAdmin ? inLocaleAsync(localeOfUser(ctx.user, ctx.from?.language_code), next) : next();
