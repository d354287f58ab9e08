import { texts as english } from "./en/admin-mailing.js";
import { localized } from "./localized.js";

/** The admin-mailing texts in the language of the work at hand (see localized.ts); the English is in en/admin-mailing.ts. */
export const texts = localized("admin-mailing", english);
