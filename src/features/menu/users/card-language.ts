import { texts } from "../../../texts/admin-users.js";
import { languageNames } from "../../../texts/bot.js";
import { locales } from "../../../texts/translations.js";
import { fillTemplate } from "../../content/template.js";
import { languageOf } from "../../language/language.js";
import { setUserLanguage } from "../../users/user-language.js";
import type { UserRecord } from "../../users/user-repository.js";
import { actorOf } from "../area.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { type SubPage, showCard, type UserButton } from "./card-navigation.js";
import { nameOf } from "./card-text.js";

export const cardLanguagePageId = "admin-user-lang";

/** The card's 🌐 button: the language chosen for the user, else the one their Telegram reports. */
export function languageButtonLabel(user: UserRecord): string {
  const language =
    user.language ??
    fillTemplate(texts.languageFromTelegram, { language: languageOf(user.languageCode) ?? texts.card.none });
  return fillTemplate(texts.languageButton, { language });
}

/** The card's 🌐 Language page: a locale Usher speaks, or Telegram's again; each through `setUserLanguage`. */
export function addCardLanguagePage(pages: AdminPages, subPage: SubPage, userButton: UserButton): void {
  const choose = (language: string | null) => async (ctx: AdminMenuContext, user: UserRecord) => {
    setUserLanguage(ctx.services, actorOf(ctx), { userId: user.id, language });
    await showCard(pages, ctx, user.id);
  };
  const chosenMark = (on: boolean) => (on ? "✅ " : "");
  subPage(
    cardLanguagePageId,
    (_ctx, user) =>
      fillTemplate(texts.languageTitle, {
        name: nameOf(user),
        telegram: languageOf(user.languageCode) ?? texts.card.none,
        chosen: user.language ?? texts.card.none,
      }),
    (range, user) => {
      for (const locale of locales) {
        userButton(range, `${chosenMark(user.language === locale)}${languageNames[locale]}`, choose(locale));
      }
      range.row();
      userButton(range, `${chosenMark(user.language === null)}${texts.languageTelegramButton}`, choose(null));
    },
  );
}
