import * as english from "./en/admin-refusals.js";
import { localized } from "./localized.js";

const refusals = localized("admin-refusals", {
  refusalTexts: english.refusalTexts,
  unknownRefusal: english.unknownRefusal,
});

/** The admin-refusals texts in the language of the work at hand (see localized.ts); the English is in en/admin-refusals.ts. */
export const refusalTexts = refusals.refusalTexts;

/** A refusal no text names, read at each use. */
export function unknownRefusal(): string {
  return refusals.unknownRefusal;
}
