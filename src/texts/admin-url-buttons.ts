import { texts as english } from "./en/admin-url-buttons.js";
import { localized } from "./localized.js";

/** The admin-url-buttons texts in the language of the work at hand (see localized.ts); the English is in en/admin-url-buttons.ts. */
export const texts = localized("admin-url-buttons", english);
