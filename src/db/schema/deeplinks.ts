import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { MessageContent } from "../../features/content/message-content.js";
import type { UrlButton } from "../../features/mailing/mailing.js";

/** `t.me/<bot>?start=<code>`: delivers stored content and may tag the user. */
export const deeplinks = sqliteTable("deeplinks", {
  code: text("code").primaryKey(),
  content: text("content", { mode: "json" }).$type<MessageContent>().notNull(),
  tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
  /** URL buttons sent as an inline keyboard under the content (wrapped per user when clicks are tracked). */
  buttons: text("buttons", { mode: "json" }).$type<UrlButton[][]>().notNull().default([]),
  /** Topics (by id, so a rename keeps them) the link subscribes its users to; deleted ones are skipped. */
  topicIds: text("topic_ids", { mode: "json" }).$type<number[]>().notNull().default([]),
  hits: integer("hits").notNull().default(0),
  createdBy: integer("created_by"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export type DeeplinkRecord = typeof deeplinks.$inferSelect;
