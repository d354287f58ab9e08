import { texts as english } from "./en/admin-takeover.js";
import { localized } from "./localized.js";

/** The admin-takeover texts in the language of the work at hand (see localized.ts); the English is in en/admin-takeover.ts. */
export const texts = localized("admin-takeover", english);
