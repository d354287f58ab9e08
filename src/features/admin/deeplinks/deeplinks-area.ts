import type { AdminArea } from "../area.js";
import { extensionsPageId } from "../page-ids.js";

export const deeplinksPageId = "admin-deeplinks";

/** 🔗 Deeplinks */
export const deeplinksArea: AdminArea = (pages) => {
  const page = pages.create(deeplinksPageId, () => "🔗 Deeplinks");
  pages.back(page, extensionsPageId);
  return [];
};
