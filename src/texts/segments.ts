import { texts as english } from "./en/segments.js";
import { localized } from "./localized.js";

/** The segments texts in the language of the work at hand (see localized.ts); the English is in en/segments.ts. */
export const texts = localized("segments", english);
