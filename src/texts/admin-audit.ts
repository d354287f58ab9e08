import { texts as english } from "./en/admin-audit.js";
import { localized } from "./localized.js";

/** The admin-audit texts in the language of the work at hand (see localized.ts); the English is in en/admin-audit.ts. */
export const texts = localized("admin-audit", english);
