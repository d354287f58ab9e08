import { texts as english } from "./en/admin-alerts.js";
import { localized } from "./localized.js";

/** The admin-alerts texts in the language of the work at hand (see localized.ts); the English is in en/admin-alerts.ts. */
export const texts = localized("admin-alerts", english);
