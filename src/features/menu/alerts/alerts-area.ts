import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-alerts.js";
import { texts as shared } from "../../../texts/bot.js";
import { renderTemplate } from "../../content/template.js";
import { changeSetting } from "../../settings/change-setting.js";
import { adminLabel } from "../admins/admin-label.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "../ask.js";
import { extensionsPageId } from "../page-ids.js";
import { switchLabel } from "../pages.js";
import { alertRecipients, toggleRecipient } from "./recipients.js";

export const alertsPageId = "admin-alerts";
const quotaConversation = "admin-alerts-quota";

/** The single alerts per minute an admin typed: a whole number within the setting's range. */
function parseQuota(message: Message): Parsed<number> {
  const typed = message.text?.trim() ?? "";
  if (!/^\d{1,4}$/.test(typed) || Number(typed) > 1000) return refuse(texts.quotaRefused);
  return accept(Number(typed));
}

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
      (ctx) => ctx.conversation.enter(quotaConversation),
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

  async function editQuota(conversation: AdminConversation, ctx: Context): Promise<void> {
    const individualPerMinute = await ask(conversation, ctx, texts.askQuota, parseQuota);
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "newUserAlerts", patch: { individualPerMinute } });
      await octx.reply(shared.admin.saved);
      await pages.send(octx, alertsPageId);
    });
  }
  return [{ id: quotaConversation, builder: editQuota }];
};
