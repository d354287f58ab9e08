import { catalog, type TextsModule } from "./catalog.js";
import { type Locale, type Localized, Translations } from "./translations.js";

/** Every locale's files, read once per process, on first use. */
const translations = new Translations();

/** The texts module `module` in `locale` (English where the locale lacks a string). */
export function textsIn<M extends TextsModule>(module: M, locale: Locale): Localized<(typeof catalog)[M]> {
  return translations.of(module, catalog[module], locale);
}

/**
 * A text an admin may edit (a setting whose default is `english`) as a user of another language
 * gets it: that language's default while the admin kept the English one, the admin's own once changed.
 */
export function unlessEdited(value: string, english: string, localized: string): string {
  return value === english ? localized : value;
}
