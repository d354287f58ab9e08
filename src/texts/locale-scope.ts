import { AsyncLocalStorage } from "node:async_hooks";
import { defaultLocale, type Locale } from "./translations.js";

/**
 * The language of the person the work at hand speaks to, read by every texts module. Synchronous
 * work (a text built for one admin) swaps a plain variable. Work that awaits (an update, a report)
 * needs AsyncLocalStorage, whose promise hooks tax every await of the process on Node 20 (a fifth of
 * the gate's CPU, `npm run bench -- --only languages`): it is entered only for another language
 * than English, which needs no scope, and switched off whenever no such work is in flight.
 */
const scope = new AsyncLocalStorage<Locale>();
let inFlight = 0;
let synchronous: Locale | undefined;

/** Runs synchronous `work` speaking `locale` (a promise it returns would lose the locale at its first await). */
export function inLocale<T>(locale: Locale, work: () => T extends PromiseLike<unknown> ? never : T): T {
  const outer = synchronous;
  synchronous = locale;
  try {
    return work() as T;
  } finally {
    synchronous = outer;
  }
}

/** Runs `work` and everything it awaits speaking `locale`. */
export async function inLocaleAsync<T>(locale: Locale, work: () => Promise<T>): Promise<T> {
  // English is what is read outside any scope: nothing to carry.
  if (locale === defaultLocale && currentLocale() === defaultLocale) return work();
  inFlight += 1;
  try {
    return await scope.run(locale, work);
  } finally {
    inFlight -= 1;
    if (inFlight === 0) scope.disable();
  }
}

/** The locale of the work at hand; English outside any (engines, start-up). */
export function currentLocale(): Locale {
  return synchronous ?? scope.getStore() ?? defaultLocale;
}
