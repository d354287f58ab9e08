import type { AdminArea } from "../area.js";
import { extensionsPageId } from "../page-ids.js";

export const protectionPageId = "admin-protection";

/** 📂 Protection */
export const protectionArea: AdminArea = (pages) => {
  const page = pages.create(protectionPageId, () => "📂 Protection");
  pages.back(page, extensionsPageId);
  return [];
};
