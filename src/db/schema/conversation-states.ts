import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * State of the conversations plugin, so an admin's half-finished input survives a restart. Its JSON
 * is kept as text: it holds raw strings (a menu button's fingerprint may contain U+0000) that
 * PostgreSQL's jsonb refuses.
 */
export const conversationStates = sqliteTable("conversation_states", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
