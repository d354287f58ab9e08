import { texts as english } from "./en/topics.js";
import { localized } from "./localized.js";

/** The topics texts in the language of the work at hand (see localized.ts); the English is in en/topics.ts. */
export const texts = localized("topics", english);
