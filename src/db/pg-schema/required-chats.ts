import { bigint, integer, pgTable, text } from "drizzle-orm/pg-core";
import { telegramId, timestampMs } from "./columns.js";

/** Channels and groups a newcomer must join (the subscription check). */
export const requiredChats = pgTable("required_chats", {
  chatId: telegramId("chat_id").primaryKey(),
  title: text("title").notNull(),
  joinUrl: text("join_url").notNull(),
  position: bigint("position", { mode: "number" }).notNull().default(0),
  addedAt: timestampMs("added_at").notNull(),
  /** When admins were told the bot cannot read this chat's members; cleared once a check works again. */
  inaccessibleAlertedAt: timestampMs("inaccessible_alerted_at"),
});
