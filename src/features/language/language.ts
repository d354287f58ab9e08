import type { UserRecord } from "../../db/schema/index.js";
import { type Locale, localeOf } from "../../texts/translations.js";

/**
 * A language as Usher stores it: the primary subtag of an IETF tag, lower case ("pt-BR" → "pt"), or
 * null when `input` is not one. Any language may be stored (an admin's texts may have a variant for
 * it); the bot's own texts are in the locales Usher speaks, English for the rest.
 */
export function languageOf(input: string | null | undefined): string | null {
  const primary = input?.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** The language as stored (see languageOf); throws what `refused` makes of `input` when it names none. */
export function checkedLanguage(input: string, refused: (input: string) => Error): string {
  const language = languageOf(input);
  if (language === null) throw refused(input);
  return language;
}

/** The language a user speaks: the one chosen (/language, an admin), else what Telegram reports. */
export function languageOfUser(user: Pick<UserRecord, "language" | "languageCode">): string | null {
  return user.language ?? languageOf(user.languageCode);
}

/** The locale Usher speaks to a user in: their language when Usher speaks it, English otherwise. */
export function localeOfUser(
  user: Pick<UserRecord, "language" | "languageCode"> | undefined,
  telegramLanguage?: string,
): Locale {
  return localeOf(user ? languageOfUser(user) : telegramLanguage);
}
