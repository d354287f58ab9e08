/**
 * A text (or keyboard) the menu holds from the moment it is built, read when used. The menu is built
 * once, at start-up, in English: pass a function (`() => texts.cancelled`) for a translated text, so
 * it is read in the language of the admin it is shown to.
 */
export type Live<T> = T | (() => T);

/** The value of a `Live` text or keyboard, read now, in the language of the work at hand. */
export function now<T extends string | object>(value: Live<T>): T {
  return typeof value === "function" ? value() : value;
}
