import { texts as english } from "./en/admin-admins.js";
import { localized } from "./localized.js";

/** The admin-admins texts in the language of the work at hand (see localized.ts); the English is in en/admin-admins.ts. */
export const texts = localized("admin-admins", english);
