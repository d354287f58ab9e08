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
  // A label is read at each render, in the admin's language.
  const button = (label: () => string, conversationId: string) =>
    page.text(label, (ctx) => ctx.conversation.enter(conversationId));
  button(() => texts.exportButton, conversationIds.export);
  button(() => texts.importButton, conversationIds.import).row();
  button(() => texts.createButton, conversationIds.create).row();
  button(() => texts.bulkTagButton, conversationIds.bulkTag);
  button(() => texts.bulkAttributeButton, conversationIds.bulkAttribute);
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
