import type { Services } from "../../bot/services.js";
import { type Locale, locales } from "../../texts/translations.js";

/**
 * The user picked the language the bot speaks to them (/language): one of the locales Usher speaks.
 * Returns it, or undefined for anything else (a forged button), changing nothing.
 */
export function chooseLanguage(
  services: Pick<Services, "users">,
  userId: number,
  choice: string,
): Locale | undefined {
  const locale = locales.find((known) => known === choice);
  if (locale === undefined || !services.users.setLanguage(userId, locale)) return undefined;
  return locale;
}
