import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Channels and groups a newcomer must join (the subscription check). */
export const requiredChats = sqliteTable("required_chats", {
  chatId: integer("chat_id").primaryKey(),
  title: text("title").notNull(),
  joinUrl: text("join_url").notNull(),
  position: integer("position").notNull().default(0),
  addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
  /** When admins were told the bot cannot read this chat's members; cleared once a check works again. */
  inaccessibleAlertedAt: integer("inaccessible_alerted_at", { mode: "timestamp_ms" }),
});

export type RequiredChatRecord = typeof requiredChats.$inferSelect;
