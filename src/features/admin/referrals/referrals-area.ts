import type { AdminArea } from "../area.js";
import { extensionsPageId } from "../page-ids.js";

export const referralsPageId = "admin-referrals";

/** 📂 Referrals */
export const referralsArea: AdminArea = (pages) => {
  const page = pages.create(referralsPageId, () => "📂 Referrals");
  pages.back(page, extensionsPageId);
  return [];
};
