import { type AppTexts, en } from "./en.js";
import { es } from "./es.js";
import { ru } from "./ru.js";

/**
 * Every text the Mini App shows, one file per language: `en` is the default and the shape of the
 * others (the compiler checks that none is missing). Chosen by the admin's language from the session.
 */
const locales: Record<string, AppTexts> = { en, ru, es };

let current: AppTexts = en;

/** The texts of the admin's language (English when there is no translation). */
export const t = (): AppTexts => current;

/** Chooses the language of the texts, e.g. from the session's `admin.language`. */
export function chooseLanguage(language: string | null | undefined): void {
  current = locales[(language ?? "en").split("-")[0] ?? "en"] ?? en;
}
