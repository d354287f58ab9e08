import { texts as english } from "./en/forms.js";
import { localized } from "./localized.js";

/** The forms texts in the language of the work at hand (see localized.ts); the English is in en/forms.ts. */
export const texts = localized("forms", english);
