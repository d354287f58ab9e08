import { texts as english } from "./en/admin-referrals.js";
import { localized } from "./localized.js";

/** The admin-referrals texts in the language of the work at hand (see localized.ts); the English is in en/admin-referrals.ts. */
export const texts = localized("admin-referrals", english);
export { formatDate, preview } from "./en/admin-referrals.js";
