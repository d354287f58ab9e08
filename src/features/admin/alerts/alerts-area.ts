import type { AdminArea } from "../area.js";
import { extensionsPageId } from "../page-ids.js";

export const alertsPageId = "admin-alerts";

/** 🔔 New-user alerts */
export const alertsArea: AdminArea = (pages) => {
  const page = pages.create(alertsPageId, () => "🔔 New-user alerts");
  pages.back(page, extensionsPageId);
  return [];
};
