import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-alerts.js";
import { renderTemplate } from "../../content/template.js";
import { changeSetting } from "../../settings/change-setting.js";
import { adminLabel } from "../admins/admin-label.js";
import { type AdminArea, actorOf } from "../area.js";
import { numberSettingPage, schemaBounds } from "../number-setting.js";
import { extensionsPageId } from "../page-ids.js";
import { switchLabel } from "../pages.js";
import { alertRecipients, toggleRecipient } from "./recipients.js";

export const alertsPageId = "admin-alerts";
const quotaPageId = "admin-alerts-quota";

function alertsText(ctx: UsherContext): string {
  const alerts = ctx.services.settings.get("newUserAlerts");
  const adminIds = ctx.services.admins.adminIds();
  const chosen = alertRecipients(alerts.adminIds, adminIds);
  const who =
    alerts.adminIds === null
      ? texts.everyone
      : chosen.length === 0
        ? texts.nobody
        : renderTemplate(texts.some, { count: String(chosen.length), total: String(adminIds.length) }).text;
  const quota =
    alerts.individualPerMinute === 0
      ? texts.quotaZero
      : renderTemplate(texts.quota, { count: String(alerts.individualPerMinute) }).text;
  // Alerts on with no recipient would read as working: say plainly that nobody gets them.
  const state = !alerts.enabled ? texts.off : chosen.length === 0 ? texts.onNobody : texts.on;
  return [texts.title, "", state, quota, "", who, texts.hint].join("\n");
}

/** The admin a button payload names (it can be forged), if they are an admin now. */
function toggledAdmin(ctx: UsherContext): number | null {
  const raw = typeof ctx.match === "string" ? ctx.match : "";
  if (!/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return ctx.services.admins.adminIds().includes(id) ? id : null;
}

/** 🔔 New-user alerts: the switch, the single alerts per minute before digests, and which admins receive them. */
export const alertsArea: AdminArea = (pages) => {
  const page = pages.create(alertsPageId, alertsText);
  page
    .text(
      (ctx) => switchLabel(ctx.services.settings.get("newUserAlerts").enabled, texts.switchLabel),
      async (ctx) => {
        const enabled = !ctx.services.settings.get("newUserAlerts").enabled;
        changeSetting(ctx.services, actorOf(ctx), { key: "newUserAlerts", patch: { enabled } });
        await pages.refresh(ctx, alertsPageId);
      },
    )
    .row()
    .text(
      (ctx) =>
        renderTemplate(texts.quotaButton, {
          count: String(ctx.services.settings.get("newUserAlerts").individualPerMinute),
        }).text,
      (ctx) => pages.show(ctx, quotaPageId),
    )
    .row();
  page.dynamic((ctx, range) => {
    const { admins, settings } = ctx.services;
    const adminIds = admins.adminIds();
    const chosen = alertRecipients(settings.get("newUserAlerts").adminIds, adminIds);
    for (const id of adminIds) {
      const label = `${admins.isOwner(id) ? "👑 " : ""}${adminLabel(ctx.services, id)}`;
      range
        .text({ text: switchLabel(chosen.includes(id), label), payload: String(id) }, async (ctx) => {
          const adminId = toggledAdmin(ctx);
          if (adminId !== null) {
            const stored = ctx.services.settings.get("newUserAlerts").adminIds;
            const next = toggleRecipient(stored, ctx.services.admins.adminIds(), adminId);
            changeSetting(ctx.services, actorOf(ctx), { key: "newUserAlerts", patch: { adminIds: next } });
          }
          await pages.refresh(ctx, alertsPageId);
        })
        .row();
    }
  });
  pages.back(page, extensionsPageId);

  return [
    numberSettingPage(pages, {
      id: quotaPageId,
      parentId: alertsPageId,
      title: () => texts.quotaTitle,
      help: () => texts.quotaHelp,
      unit: () => texts.quotaUnit,
      format: String,
      steps: [1, 10],
      bounds: () => schemaBounds("newUserAlerts", "individualPerMinute"),
      read: (ctx) => ctx.services.settings.get("newUserAlerts").individualPerMinute,
      save: (ctx, individualPerMinute) =>
        changeSetting(ctx.services, actorOf(ctx), { key: "newUserAlerts", patch: { individualPerMinute } }),
    }),
  ];
};
