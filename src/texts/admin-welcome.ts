import { texts as english } from "./en/admin-welcome.js";
import { localized } from "./localized.js";

/** The admin-welcome texts in the language of the work at hand (see localized.ts); the English is in en/admin-welcome.ts. */
export const texts = localized("admin-welcome", english);
