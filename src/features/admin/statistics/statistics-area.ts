import type { AdminArea } from "../area.js";
import { rootPageId } from "../page-ids.js";

export const statisticsPageId = "admin-stats";

/** 📊 Statistics */
export const statisticsArea: AdminArea = (pages) => {
  const page = pages.create(statisticsPageId, () => "📊 Statistics");
  pages.back(page, rootPageId);
  return [];
};
