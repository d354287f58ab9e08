import { texts as english } from "./en/admin-statistics.js";
import { localized } from "./localized.js";

/** The admin-statistics texts in the language of the work at hand (see localized.ts); the English is in en/admin-statistics.ts. */
export const texts = localized("admin-statistics", english);
