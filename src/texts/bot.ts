import { texts as english } from "./en/bot.js";
import { localized } from "./localized.js";

/** The bot texts in the language of the work at hand (see localized.ts); the English is in en/bot.ts. */
export const texts = localized("bot", english);

export { languageNames } from "./en/bot.js";
