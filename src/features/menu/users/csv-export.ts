import { type Context, InputFile } from "grammy";
import { texts } from "../../../texts/admin-user-tools.js";
import { fillTemplate } from "../../content/template.js";
import { segmentCondition } from "../../segments/segment.js";
import { exportUsersCsv } from "../../users/csv/export-users.js";
import { actorOf, asAdmin } from "../area.js";
import type { AdminConversation } from "../ask.js";
import type { AdminPages } from "../pages.js";
import { askSegment, usersToolsPageId } from "./tools-input.js";

/** 📤 Export CSV: a segment's users as a CSV document, audited as `users.export` with the count. */
export function exportCsvConversation(pages: AdminPages) {
  return async function exportCsv(conversation: AdminConversation, ctx: Context): Promise<void> {
    const tree = await askSegment(conversation, ctx);
    await asAdmin(conversation, async (octx) => {
      const { services } = octx;
      const now = services.now();
      const where = segmentCondition(tree, now, services.settings.get("mailing").timezone);
      const count = services.segments.countSegment(tree);
      const name = `users-${now.toISOString().slice(0, 10)}.csv`;
      await octx.replyWithDocument(new InputFile(exportUsersCsv(services.db, { where }), name), {
        caption: fillTemplate(texts.exportCaption, { count }),
      });
      services.audit.record({ actor: actorOf(octx), action: "users.export", after: { count } });
      await pages.send(octx, usersToolsPageId);
    });
  };
}
