import { texts as english } from "./en/admin-users.js";
import { localized } from "./localized.js";

/** The admin-users texts in the language of the work at hand (see localized.ts); the English is in en/admin-users.ts. */
export const texts = localized("admin-users", english);
