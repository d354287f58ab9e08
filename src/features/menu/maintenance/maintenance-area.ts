import type { Context } from "grammy";
import { texts } from "../../../texts/admin-maintenance.js";
import { texts as shared } from "../../../texts/bot.js";
import { changeSetting } from "../../settings/change-setting.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, ask, parseText } from "../ask.js";
import { extensionsPageId } from "../page-ids.js";
import { switchLabel } from "../pages.js";
import { settingsTextVariants } from "../variants/variants-pages.js";

export const maintenancePageId = "admin-maintenance";
const editTextConversation = "admin-maintenance-text";

const preview = (text: string) => (text.length > 1000 ? `${text.slice(0, 1000)}…` : text);

/** 🛠 Maintenance: the switch and the text users see meanwhile. */
export const maintenanceArea: AdminArea = (pages) => {
  const page = pages.create(maintenancePageId, (ctx) => {
    const maintenance = ctx.services.settings.get("maintenance");
    return [
      texts.title,
      maintenance.enabled ? texts.on : texts.off,
      "",
      texts.textHeader,
      preview(maintenance.text),
    ].join("\n");
  });
  page
    .text(
      (ctx) => switchLabel(ctx.services.settings.get("maintenance").enabled, texts.switchButton),
      async (ctx) => {
        const enabled = !ctx.services.settings.get("maintenance").enabled;
        changeSetting(ctx.services, actorOf(ctx), { key: "maintenance", patch: { enabled } });
        await pages.refresh(ctx, maintenancePageId);
      },
    )
    .row()
    .text(
      () => texts.editButton,
      (ctx) => ctx.conversation.enter(editTextConversation),
    );
  const languages = settingsTextVariants(pages, {
    parentPageId: maintenancePageId,
    subjects: ["maintenance"],
  });
  languages.button(page);
  pages.back(page, extensionsPageId);

  async function editMaintenanceText(conversation: AdminConversation, ctx: Context): Promise<void> {
    const { text } = await ask(conversation, ctx, texts.ask, parseText);
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "maintenance", patch: { text } });
      await octx.reply(shared.admin.saved);
      await pages.send(octx, maintenancePageId);
    });
  }

  return [{ id: editTextConversation, builder: editMaintenanceText }, ...languages.conversations];
};
