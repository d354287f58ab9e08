import type { AdminArea } from "../area.js";
import { rootPageId } from "../page-ids.js";

export const welcomePageId = "admin-welcome";

/** 👋 Welcome message */
export const welcomeArea: AdminArea = (pages) => {
  const page = pages.create(welcomePageId, () => "👋 Welcome message");
  pages.back(page, rootPageId);
  return [];
};
