import { texts as english } from "./en/admin-variants.js";
import { localized } from "./localized.js";

/** The admin-variants texts in the language of the work at hand (see localized.ts); the English is in en/admin-variants.ts. */
export const texts = localized("admin-variants", english);
