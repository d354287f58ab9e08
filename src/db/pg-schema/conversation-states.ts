import { jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.js";

/** State of the conversations plugin, so an admin's half-finished input survives a restart. */
export const conversationStates = pgTable("conversation_states", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestampMs("updated_at").notNull(),
});
