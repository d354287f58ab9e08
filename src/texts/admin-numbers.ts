import { texts as english } from "./en/admin-numbers.js";
import { localized } from "./localized.js";

/** The admin-numbers texts in the language of the work at hand (see localized.ts); the English is in en/admin-numbers.ts. */
export const texts = localized("admin-numbers", english);
