import type { AdminArea } from "../area.js";
import { rootPageId } from "../page-ids.js";

export const auditPageId = "admin-audit";

/** 📜 Audit log */
export const auditArea: AdminArea = (pages) => {
  const page = pages.create(auditPageId, () => "📜 Audit log");
  pages.back(page, rootPageId);
  return [];
};
