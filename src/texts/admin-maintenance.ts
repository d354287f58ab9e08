import { texts as english } from "./en/admin-maintenance.js";
import { localized } from "./localized.js";

/** The admin-maintenance texts in the language of the work at hand (see localized.ts); the English is in en/admin-maintenance.ts. */
export const texts = localized("admin-maintenance", english);
