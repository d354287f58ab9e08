import type { Menu } from "@grammyjs/menu";
import type { UsherContext } from "../../bot/context.js";
import { texts } from "../../texts.js";
import type { AdminConversationBuilder } from "./area.js";
import { maintenanceArea, maintenancePageId } from "./maintenance/maintenance-area.js";
import { extensionsPageId, rootPageId } from "./page-ids.js";
import { AdminPages } from "./pages.js";

/** Every area of the admin menu; a new area is added here and nowhere else. */
const adminAreas = [maintenanceArea];

/** Builds one bot's admin menu: the root with every page registered under it, and the conversations. */
export function createAdminMenu(): {
  root: Menu<UsherContext>;
  pages: AdminPages;
  conversations: Array<{ id: string; builder: AdminConversationBuilder }>;
} {
  const pages = new AdminPages();
  const root = pages.create(rootPageId, () => texts.admin.rootTitle);
  pages.link(root, "🧩 Extensions", extensionsPageId);

  const extensions = pages.create(
    extensionsPageId,
    () => "🧩 Extensions\n\nSwitch the gate's steps on and off.",
  );
  pages.link(extensions, "🛠 Maintenance", maintenancePageId);
  pages.back(extensions, rootPageId);

  const conversations = adminAreas.flatMap((area) => area(pages));
  root.register(pages.menus().filter((menu) => menu !== root));
  return { root, pages, conversations };
}
