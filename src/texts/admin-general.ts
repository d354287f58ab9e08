import { texts as english } from "./en/admin-general.js";
import { localized } from "./localized.js";

/** The admin-general texts in the language of the work at hand (see localized.ts); the English is in en/admin-general.ts. */
export const texts = localized("admin-general", english);
