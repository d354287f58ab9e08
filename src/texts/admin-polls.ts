import { texts as english } from "./en/admin-polls.js";
import { localized } from "./localized.js";

/** The admin-polls texts in the language of the work at hand (see localized.ts); the English is in en/admin-polls.ts. */
export const texts = localized("admin-polls", english);
