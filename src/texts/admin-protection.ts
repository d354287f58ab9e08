import { texts as english } from "./en/admin-protection.js";
import { localized } from "./localized.js";

/** The admin-protection texts in the language of the work at hand (see localized.ts); the English is in en/admin-protection.ts. */
export const texts = localized("admin-protection", english);
