import type { AdminArea } from "../area.js";
import { rootPageId } from "../page-ids.js";

export const adminsPageId = "admin-admins";

/** 👮 Admins */
export const adminsArea: AdminArea = (pages) => {
  const page = pages.create(adminsPageId, () => "👮 Admins");
  pages.back(page, rootPageId);
  return [];
};
