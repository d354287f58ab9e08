import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** State of the conversations plugin, so an admin's half-finished input survives a restart. */
export const conversationStates = sqliteTable("conversation_states", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
