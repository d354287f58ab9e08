import { texts as english } from "./en/admin-forms.js";
import { localized } from "./localized.js";

/** The admin-forms texts in the language of the work at hand (see localized.ts); the English is in en/admin-forms.ts. */
export const texts = localized("admin-forms", english);
