import { bigint, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import type { MessageContent } from "../../features/content/message-content.js";
import type { UrlButton } from "../../features/mailing/mailing.js";
import { telegramId, timestampMs } from "./columns.js";

/** `t.me/<bot>?start=<code>`: delivers stored content and may tag the user. */
export const deeplinks = pgTable("deeplinks", {
  code: text("code").primaryKey(),
  content: jsonb("content").$type<MessageContent>().notNull(),
  tags: jsonb("tags").$type<string[]>().notNull().default([]),
  /** URL buttons sent as an inline keyboard under the content (wrapped per user when clicks are tracked). */
  buttons: jsonb("buttons").$type<UrlButton[][]>().notNull().default([]),
  /** Topics (by id, so a rename keeps them) the link subscribes its users to; deleted ones are skipped. */
  topicIds: jsonb("topic_ids").$type<number[]>().notNull().default([]),
  hits: bigint("hits", { mode: "number" }).notNull().default(0),
  createdBy: telegramId("created_by"),
  createdAt: timestampMs("created_at").notNull(),
});
