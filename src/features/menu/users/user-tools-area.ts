import { texts } from "../../../texts/admin-user-tools.js";
import type { AdminArea } from "../area.js";
import { usersPageId } from "../page-ids.js";
import { bulkChangeConversations } from "./bulk-changes.js";
import { createUserConversation } from "./create-user-input.js";
import { exportCsvConversation } from "./csv-export.js";
import { importCsvConversation } from "./csv-import.js";
import { toolsExit, usersToolsPageId } from "./tools-input.js";

const conversationIds = {
  export: "admin-users-export",
  import: "admin-users-import",
  create: "admin-users-create",
  bulkTag: "admin-users-bulk-tag",
  bulkAttribute: "admin-users-bulk-attribute",
} as const;

/** 🧰 User tools: CSV export and import, create a user by hand, bulk tags and attributes on a segment. */
export const usersToolsArea: AdminArea = (pages) => {
  const page = pages.create(usersToolsPageId, () => texts.pageTitle);
  page
    .text(texts.exportButton, (ctx) => ctx.conversation.enter(conversationIds.export))
    .text(texts.importButton, (ctx) => ctx.conversation.enter(conversationIds.import))
    .row()
    .text(texts.createButton, (ctx) => ctx.conversation.enter(conversationIds.create))
    .row()
    .text(texts.bulkTagButton, (ctx) => ctx.conversation.enter(conversationIds.bulkTag))
    .text(texts.bulkAttributeButton, (ctx) => ctx.conversation.enter(conversationIds.bulkAttribute));
  pages.back(page, usersPageId);

  const bulk = bulkChangeConversations(pages);
  return [
    { id: conversationIds.export, builder: exportCsvConversation(pages) },
    { id: conversationIds.import, builder: importCsvConversation(pages), exit: toolsExit },
    { id: conversationIds.create, builder: createUserConversation(pages) },
    { id: conversationIds.bulkTag, builder: bulk.bulkTagConversation, exit: toolsExit },
    { id: conversationIds.bulkAttribute, builder: bulk.bulkAttributeConversation, exit: toolsExit },
  ];
};
