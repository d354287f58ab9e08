import * as english from "./en/admin-user-tools.js";
import { localized } from "./localized.js";

/* The admin-user-tools texts in the language of the work at hand (see localized.ts); the English is in en/admin-user-tools.ts. */
export const texts = localized("admin-user-tools", english.texts, ["texts"]);
export const problemTexts = localized("admin-user-tools", english.problemTexts, ["problemTexts"]);
export const fieldLabels = localized("admin-user-tools", english.fieldLabels, ["fieldLabels"]);
