import type { Menu } from "@grammyjs/menu";
import type { UsherContext } from "../../bot/context.js";
import { texts as adminsTexts } from "../../texts/admin-admins.js";
import { texts as auditTexts } from "../../texts/admin-audit.js";
import { texts as formsTexts } from "../../texts/admin-forms.js";
import { texts as generalTexts } from "../../texts/admin-general.js";
import { texts as mailingTexts } from "../../texts/admin-mailing.js";
import { texts as maintenanceTexts } from "../../texts/admin-maintenance.js";
import { texts as sequencesTexts } from "../../texts/admin-sequences.js";
import { texts as statisticsTexts } from "../../texts/admin-statistics.js";
import { texts as topicsTexts } from "../../texts/admin-topics.js";
import { texts as welcomeTexts } from "../../texts/admin-welcome.js";
import { texts } from "../../texts/bot.js";
import { adminsArea, adminsPageId } from "./admins/admins-area.js";
import { alertsArea, alertsPageId } from "./alerts/alerts-area.js";
import type { AdminConversationEntry } from "./area.js";
import { auditArea, auditPageId } from "./audit/audit-area.js";
import { deeplinksArea, deeplinksPageId } from "./deeplinks/deeplinks-area.js";
import { formsArea, formsPageId } from "./forms/forms-area.js";
import { generalArea, generalPageId } from "./general/general-area.js";
import { checkUsersPageId, mailingArea, mailingPageId } from "./mailing/mailing-area.js";
import { maintenanceArea, maintenancePageId } from "./maintenance/maintenance-area.js";
import { extensionsPageId, rootPageId, usersPageId } from "./page-ids.js";
import { AdminPages } from "./pages.js";
import { protectionArea, protectionPageId } from "./protection/protection-area.js";
import { referralsArea, referralsPageId } from "./referrals/referrals-area.js";
import { sequencesArea, sequencesPageId } from "./sequences/sequences-area.js";
import { statisticsArea, statisticsPageId } from "./statistics/statistics-area.js";
import { topicsArea, topicsPageId } from "./topics/topics-area.js";
import { usersToolsArea } from "./users/user-tools-area.js";
import { usersArea } from "./users/users-area.js";
import { welcomeArea, welcomePageId } from "./welcome/welcome-area.js";

/** Every area of the admin menu; a new area is added here and linked below. */
const adminAreas = [
  protectionArea,
  referralsArea,
  maintenanceArea,
  deeplinksArea,
  alertsArea,
  welcomeArea,
  generalArea,
  statisticsArea,
  adminsArea,
  auditArea,
  mailingArea,
  usersToolsArea,
  usersArea,
  formsArea,
  topicsArea,
  sequencesArea,
];

/** Builds one bot's admin menu: the root with every page registered under it, and the conversations. */
export function createAdminMenu(): {
  root: Menu<UsherContext>;
  pages: AdminPages;
  conversations: AdminConversationEntry[];
} {
  const pages = new AdminPages();
  // Labels are functions: read at each render, in the admin's language.
  const root = pages.create(rootPageId, () => texts.admin.rootTitle);
  root.dynamic((ctx, range) => {
    // The admin Mini App, when PUBLIC_URL is https: Telegram opens web apps over HTTPS alone.
    const { appUrl } = ctx.services;
    if (appUrl !== undefined) range.webApp(texts.admin.openAppButton, appUrl).row();
  });
  pages.link(root, () => texts.admin.extensions.button, extensionsPageId).row();
  pages.link(root, () => mailingTexts.rootMailingButton, mailingPageId);
  pages.link(root, () => mailingTexts.rootCheckButton, checkUsersPageId).row();
  pages.link(root, () => welcomeTexts.rootButton, welcomePageId);
  pages.link(root, () => statisticsTexts.rootButton, statisticsPageId);
  pages.link(root, () => texts.admin.usersButton, usersPageId).row();
  pages.link(root, () => formsTexts.rootButton, formsPageId);
  pages.link(root, () => sequencesTexts.rootButton, sequencesPageId).row();
  root.dynamic((ctx, range) => {
    // Only owners manage admins; the page itself checks again on every action.
    if (ctx.from && ctx.services.admins.isOwner(ctx.from.id))
      pages.link(range, adminsTexts.rootButton, adminsPageId);
  });
  pages.link(root, () => auditTexts.rootButton, auditPageId);
  pages.link(root, () => generalTexts.rootButton, generalPageId);

  const extensions = pages.create(extensionsPageId, () => texts.admin.extensions.title);
  pages.link(extensions, () => texts.admin.extensions.protectionButton, protectionPageId);
  pages.link(extensions, () => texts.admin.extensions.referralsButton, referralsPageId).row();
  pages.link(extensions, () => maintenanceTexts.extensionsButton, maintenancePageId);
  pages.link(extensions, () => texts.admin.extensions.deeplinksButton, deeplinksPageId).row();
  pages.link(extensions, () => texts.admin.extensions.alertsButton, alertsPageId);
  pages.link(extensions, () => topicsTexts.extensionsButton, topicsPageId);
  pages.back(extensions, rootPageId);

  const conversations = adminAreas.flatMap((area) => area(pages));
  root.register(pages.menus().filter((menu) => menu !== root));
  return { root, pages, conversations };
}
