import { texts as english } from "./en/admin-deeplinks.js";
import { localized } from "./localized.js";

/** The admin-deeplinks texts in the language of the work at hand (see localized.ts); the English is in en/admin-deeplinks.ts. */
export const texts = localized("admin-deeplinks", english);
