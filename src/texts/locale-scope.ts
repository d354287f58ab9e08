import { AsyncLocalStorage } from "node:async_hooks";
import { defaultLocale, type Locale } from "./translations.js";

/** The language of the person the work at hand speaks to: set per update, read by every texts module. */
const scope = new AsyncLocalStorage<Locale>();

/** Runs `work` (and everything it awaits) speaking `locale`. */
export function inLocale<T>(locale: Locale, work: () => T): T {
  return scope.run(locale, work);
}

/** The locale of the work at hand; English outside an update (engines, start-up). */
export function currentLocale(): Locale {
  return scope.getStore() ?? defaultLocale;
}
