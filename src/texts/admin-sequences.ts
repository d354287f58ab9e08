import * as english from "./en/admin-sequences.js";
import { localized } from "./localized.js";

/* The admin-sequences texts in the language of the work at hand (see localized.ts); the English is in en/admin-sequences.ts. */
export const texts = localized("admin-sequences", english.texts, ["texts"]);
export const cardTexts = localized("admin-sequences", english.cardTexts, ["cardTexts"]);
