import type { Context } from "grammy";
import { texts } from "../../../texts/bot.js";
import { changeSetting } from "../../settings/change-setting.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, ask, parseText } from "../ask.js";
import { extensionsPageId } from "../page-ids.js";
import { switchLabel } from "../pages.js";

export const maintenancePageId = "admin-maintenance";
const editTextConversation = "admin-maintenance-text";

const preview = (text: string) => (text.length > 1000 ? `${text.slice(0, 1000)}…` : text);

/** 🛠 Maintenance: the switch and the text users see meanwhile. */
export const maintenanceArea: AdminArea = (pages) => {
  const page = pages.create(maintenancePageId, (ctx) => {
    const maintenance = ctx.services.settings.get("maintenance");
    return [
      "🛠 Maintenance",
      maintenance.enabled
        ? "ON: users see only the text below; admins are not affected."
        : "OFF: the bot works normally.",
      "",
      "Text:",
      preview(maintenance.text),
    ].join("\n");
  });
  page
    .text(
      (ctx) => switchLabel(ctx.services.settings.get("maintenance").enabled, "Maintenance mode"),
      async (ctx) => {
        const enabled = !ctx.services.settings.get("maintenance").enabled;
        changeSetting(ctx.services, actorOf(ctx), { key: "maintenance", patch: { enabled } });
        await pages.refresh(ctx, maintenancePageId);
      },
    )
    .row()
    .text("✏️ Edit text", (ctx) => ctx.conversation.enter(editTextConversation));
  pages.back(page, extensionsPageId);

  async function editMaintenanceText(conversation: AdminConversation, ctx: Context): Promise<void> {
    const { text } = await ask(conversation, ctx, "Send the new maintenance text.", parseText);
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "maintenance", patch: { text } });
      await octx.reply(texts.admin.saved);
      await pages.send(octx, maintenancePageId);
    });
  }

  return [{ id: editTextConversation, builder: editMaintenanceText }];
};
