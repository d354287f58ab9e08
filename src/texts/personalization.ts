import { texts as english } from "./en/personalization.js";
import { localized } from "./localized.js";

/** The personalization texts in the language of the work at hand (see localized.ts); the English is in en/personalization.ts. */
export const texts = localized("personalization", english);
