import { texts as english } from "./en/sequences.js";
import { localized } from "./localized.js";

/** The sequences texts in the language of the work at hand (see localized.ts); the English is in en/sequences.ts. */
export const texts = localized("sequences", english);
