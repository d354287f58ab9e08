import * as english from "./en/admin-topics.js";
import { localized } from "./localized.js";

/* The admin-topics texts in the language of the work at hand (see localized.ts); the English is in en/admin-topics.ts. */
export const texts = localized("admin-topics", english.texts, ["texts"]);
export const sourceLabels = localized("admin-topics", english.sourceLabels, ["sourceLabels"]);
export const topicTextLabels = localized("admin-topics", english.topicTextLabels, ["topicTextLabels"]);
