import { texts as english } from "./en/admin-charts.js";
import { localized } from "./localized.js";

/** The admin-charts texts in the language of the work at hand (see localized.ts); the English is in en/admin-charts.ts. */
export const texts = localized("admin-charts", english);
