import { texts as english } from "./en/admin-preview.js";
import { localized } from "./localized.js";

/** The admin-preview texts in the language of the work at hand (see localized.ts); the English is in en/admin-preview.ts. */
export const texts = localized("admin-preview", english);
